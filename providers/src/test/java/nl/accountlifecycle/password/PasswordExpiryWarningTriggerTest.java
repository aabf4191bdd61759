package nl.accountlifecycle.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import nl.accountlifecycle.support.LifecycleSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/** What the expiry warning reads on a login: it is asked on every login of the realm, so as little as it can. */
class PasswordExpiryWarningTriggerTest {

    /** Every model call the warning makes, as "Type.method(first argument)". */
    final List<String> reads = new ArrayList<>();
    final List<String> added = new ArrayList<>();
    final Map<String, Object> requestAttributes = new HashMap<>();

    @Test
    @DisplayName("Given a realm whose passwords do not expire then a login reads nothing of the user or the realm's settings")
    void featureOffReadsNothing() {
        RequiredActionContext context = login(PasswordPolicy.empty(), Duration.ofDays(89), null);
        new PasswordExpiryWarning(14).evaluateTriggers(context);
        assertEquals(List.of("RealmModel.getPasswordPolicy()"), reads.stream().filter(r -> !r.endsWith("getId()")).toList());
        assertEquals(1, modelReads());
        assertTrue(added.isEmpty());
    }

    @Test
    @DisplayName("Given a password far from expiry then only its date is read: no snooze mark, no realm time zone")
    void outsideWindowReadsOnlyThePasswordDate() {
        RequiredActionContext context = login(policy90(), Duration.ofDays(1), null);
        new PasswordExpiryWarning(14).evaluateTriggers(context);
        assertTrue(reads.contains("SubjectCredentialManager.getStoredCredentialsByTypeStream(password)"), reads.toString());
        assertFalse(reads.stream().anyMatch(r -> r.contains("getFirstAttribute") || r.contains("getAttribute")), reads.toString());
        assertTrue(added.isEmpty());
    }

    @Test
    @DisplayName("Given a password in its last days then the warning is added, and the page in the same request reads nothing again")
    void insideWindowDecidedOncePerRequest() {
        RequiredActionContext context = login(policy90(), Duration.ofDays(85), null);
        PasswordExpiryWarning warning = new PasswordExpiryWarning(14);
        warning.evaluateTriggers(context);
        assertEquals(List.of(PasswordExpiryWarning.PROVIDER_ID), added);
        assertTrue(reads.contains("RealmModel.getAttribute(" + LifecycleSettings.TIMEZONE + ")"), reads.toString());
        long readsBefore = modelReads();
        warning.evaluateTriggers(context);
        assertEquals(readsBefore, modelReads(), reads.toString());
        assertEquals(2, added.size());
    }

    /** Reads other than the user's id (the key of the per-request answer). */
    private long modelReads() {
        return reads.stream().filter(r -> !r.endsWith("getId()")).count();
    }

    @Test
    @DisplayName("Given 'later' chosen today then a password in its last days is not warned about")
    void snoozedToday() {
        RequiredActionContext context = login(policy90(), Duration.ofDays(85), LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")));
        new PasswordExpiryWarning(14).evaluateTriggers(context);
        assertTrue(added.isEmpty());
    }

    static PasswordPolicy policy90() {
        return PasswordStatusTest.policy(PasswordPolicy.FORCE_EXPIRED_ID, "90");
    }

    private RequiredActionContext login(PasswordPolicy policy, Duration passwordAge, LocalDate snoozedOn) {
        long created = Instant.now().minus(passwordAge).toEpochMilli();
        CredentialModel password = new CredentialModel();
        password.setType("password");
        password.setCreatedDate(created);
        SubjectCredentialManager credentials = recording(SubjectCredentialManager.class,
                m -> m.equals("getStoredCredentialsByTypeStream") ? Stream.of(password) : null);
        UserModel user = recording(UserModel.class, m -> switch (m) {
            case "getId" -> "user-1";
            case "credentialManager" -> credentials;
            case "getFirstAttribute" -> snoozedOn == null ? null : snoozedOn.toString();
            default -> null;
        });
        RealmModel realm = recording(RealmModel.class, m -> switch (m) {
            case "getPasswordPolicy" -> policy;
            case "getName" -> "test";
            default -> null;
        });
        KeycloakSession session = (KeycloakSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KeycloakSession.class}, (self, m, args) -> switch (m.getName()) {
                    case "getAttribute" -> requestAttributes.get((String) args[0]);
                    case "setAttribute" -> requestAttributes.put((String) args[0], args[1]);
                    case "removeAttribute" -> requestAttributes.remove((String) args[0]);
                    default -> null;
                });
        AuthenticationSessionModel authSession = (AuthenticationSessionModel) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AuthenticationSessionModel.class}, (self, m, args) -> {
                    if (m.getName().equals("addRequiredAction") && args[0] instanceof String action) {
                        added.add(action);
                    }
                    return null;
                });
        return (RequiredActionContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RequiredActionContext.class}, (self, m, args) -> switch (m.getName()) {
                    case "getUser" -> user;
                    case "getRealm" -> realm;
                    case "getSession" -> session;
                    case "getAuthenticationSession" -> authSession;
                    default -> null;
                });
    }

    @SuppressWarnings("unchecked")
    private <T> T recording(Class<T> type, java.util.function.Function<String, Object> answer) {
        return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (self, m, args) -> {
            reads.add(type.getSimpleName() + "." + m.getName() + "(" + (args == null || args.length == 0 ? "" : args[0]) + ")");
            return answer.apply(m.getName());
        });
    }
}
