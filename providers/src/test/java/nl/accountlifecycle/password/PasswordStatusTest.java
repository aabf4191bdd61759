package nl.accountlifecycle.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.policy.PasswordPolicyProvider;

class PasswordStatusTest {

    static final Instant SET = Instant.parse("2026-11-22T12:00:00.750Z");

    /** A policy as Keycloak builds it; each policy's config is parsed as a whole number, as forceExpiredPasswordChange's is. */
    static PasswordPolicy policy(String id, String value) {
        PasswordPolicyProvider provider = (PasswordPolicyProvider) Proxy.newProxyInstance(
                PasswordPolicyProvider.class.getClassLoader(), new Class<?>[] {PasswordPolicyProvider.class},
                (self, m, args) -> m.getName().equals("parseConfig") ? Integer.valueOf((String) args[0]) : null);
        KeycloakSession session = (KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(),
                new Class<?>[] {KeycloakSession.class}, (self, m, args) -> m.getName().equals("getProvider") ? provider : null);
        return PasswordPolicy.build().put(id, value).build(session);
    }

    @Test
    @DisplayName("Given forceExpiredPasswordChange(90) then the policy has 90 days")
    void policyDaysFromThePolicy() {
        assertEquals(90, PasswordExpiry.policyDays(policy(PasswordPolicy.FORCE_EXPIRED_ID, "90")));
    }

    @Test
    @DisplayName("Given no policy, an empty one or one without forceExpiredPasswordChange then passwords do not expire: 0 days")
    void noExpiryIsZero() {
        assertEquals(0, PasswordExpiry.policyDays((PasswordPolicy) null));
        assertEquals(0, PasswordExpiry.policyDays(PasswordPolicy.empty()));
        assertEquals(0, PasswordExpiry.policyDays(policy("length", "8")));
        assertEquals(0, PasswordExpiry.policyDays(policy(PasswordPolicy.FORCE_EXPIRED_ID, "-5")), "never negative");
    }

    @Test
    @DisplayName("Given a password set under a 90-day policy then the status shows both dates to the second")
    void statusWithExpiry() {
        PasswordStatus status = PasswordStatus.of(SET, 90);

        assertEquals(Instant.parse("2027-02-20T12:00:00.750Z"), status.expiresAt());
        assertEquals(Map.of("lastChanged", "2026-11-22T12:00:00Z", "expiresAt", "2027-02-20T12:00:00Z"), status.view());
    }

    @Test
    @DisplayName("Given no expiry in the policy then the status has the change date and no expiry")
    void statusWithoutExpiry() {
        PasswordStatus status = PasswordStatus.of(SET, 0);

        assertEquals(SET, status.lastChanged());
        assertNull(status.expiresAt());
        assertNull(status.view().get("expiresAt"));
    }

    @Test
    @DisplayName("Given no password then both dates are null")
    void noPassword() {
        PasswordStatus status = PasswordStatus.of(null, 90);

        assertNull(status.lastChanged());
        assertNull(status.expiresAt());
        assertEquals(2, status.view().size(), "both keys are present, as null");
    }
}
