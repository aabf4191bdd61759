package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.ThemeMessages;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given a password that expires within the warning days")
class PasswordExpiryWarningTest {

    static final String PASSWORD = "Lente2026xyz";
    static final String NEW = "Zomer2026xyz";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @org.keycloak.testframework.annotations.InjectAdminClient
    org.keycloak.admin.client.Keycloak admin;

    String policy;
    Properties nl = ThemeMessages.login("nl");

    /** A 3-day expiry puts a brand-new password inside the 7-day warning window, without touching clocks. */
    @BeforeEach
    void shortExpiry() {
        RealmRepresentation rep = realm.admin().toRepresentation();
        policy = rep.getPasswordPolicy();
        rep.setPasswordPolicy(policy.replace("forceExpiredPasswordChange(90)", "forceExpiredPasswordChange(3)"));
        realm.admin().update(rep);
    }

    @AfterEach
    void restorePolicy() {
        if (policy == null) {
            return;
        }
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setPasswordPolicy(policy);
        realm.admin().update(rep);
    }

    private Browser.Page logIn(Browser browser, String username, String password) {
        Browser.Page login = browser.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/", Map.of());
        return browser.submit(login, Map.of("username", username, "password", password));
    }

    @Test
    @DisplayName("then login shows the expiry date; later continues the login and is not asked again that day")
    void laterContinuesAndIsHonoured() {
        Users.createActive(realm.admin(), Users.person("expiring", "expiring@example.org", "Eef", "Verloop"), PASSWORD, List.of());

        Browser browser = new Browser();
        Browser.Page warning = logIn(browser, "expiring@example.org", PASSWORD);
        assertTrue(warning.html().contains("al-password-expiry-form"), warning.html());
        assertTrue(warning.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.password.expiry.title")), warning.html());
        Browser.Page later = browser.submit(warning, Map.of("choice", "later"));
        assertNotNull(later.location(), "logged in after 'later':\n" + later.html());

        Browser.Page again = logIn(new Browser(), "expiring@example.org", PASSWORD);
        assertNotNull(again.location(), "not asked again the same day:\n" + again.html());
    }

    @Test
    @DisplayName("then change now runs the update-password step with the checklist")
    void changeNow() {
        String id = Users.createActive(realm.admin(), Users.person("changer", "changer@example.org", "Cas", "Wissel"), PASSWORD, List.of());

        long before = passwordCreated(id);
        Browser browser = new Browser();
        Browser.Page warning = logIn(browser, "changer@example.org", PASSWORD);
        assertTrue(warning.html().contains("al-password-expiry-form"), warning.html());
        Browser.Page update = browser.submit(warning, Map.of("choice", "change"));
        assertTrue(update.html().contains("id=\"al-password-rules\""), update.html());
        restorePolicy(); // with the real 90 days, the new password is far from expiry
        Browser.Page done = browser.submit(update, Map.of("password-new", NEW, "password-confirm", NEW));

        assertNotNull(done.location(), done.html());
        assertTrue(passwordCreated(id) > before, "a new password was stored");
        var attributes = realm.admin().users().get(id).toRepresentation().getAttributes();
        assertNull(attributes == null ? null : attributes.get("accountLifecycle.password.warningSnoozedOn"), "no snooze when changed");
    }

    private long passwordCreated(String id) {
        return realm.admin().users().get(id).credentials().stream().filter(c -> "password".equals(c.getType()))
                .mapToLong(c -> c.getCreatedDate()).max().orElseThrow();
    }

    @Test
    @DisplayName("then admins see who expires soon, per user and in the counts, and bad input is refused")
    void adminVisibility() {
        AdminApi api = AdminApi.forRealm(realm);
        String token = admin.tokenManager().getAccessTokenString();
        String id = Users.createActive(realm.admin(), Users.person("soon", "soon@example.org", "Sam", "Straks"), PASSWORD, List.of());
        String off = Users.createActive(realm.admin(), Users.person("soon.off", "soon.off@example.org", "Olle", "Uit"), PASSWORD, List.of());
        UserRepresentation disabled = realm.admin().users().get(off).toRepresentation();
        disabled.setEnabled(false);
        realm.admin().users().get(off).update(disabled);

        AdminApi.Reply list = api.get("password-expiry?withinDays=3", token);
        assertEquals(200, list.status(), list.toString());
        List<?> ids = ((List<?>) list.json().get("items")).stream().map(i -> ((Map<?, ?>) i).get("userId")).toList();
        assertTrue(ids.contains(id), list.toString());
        assertTrue(!ids.contains(off), "disabled users are not listed");

        Map<?, ?> password = (Map<?, ?>) api.get("users/" + id, token).json().get("password");
        java.time.Instant changed = java.time.Instant.parse((String) password.get("lastChanged"));
        assertEquals(changed.plus(java.time.Duration.ofDays(3)).toString(), password.get("expiresAt"));
        assertTrue(((Number) api.get("stats", token).json().get("passwordsExpiringWithin14Days")).intValue() >= 1);

        assertEquals(400, api.get("password-expiry?withinDays=0", token).status());
        assertEquals(400, api.get("password-expiry?withinDays=4", token).status(), "more than the policy's 3 days");
        assertEquals(400, api.get("password-expiry", token).status());
        restorePolicy();
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setPasswordPolicy("length(8)");
        realm.admin().update(rep);
        assertEquals(409, api.get("password-expiry?withinDays=3", token).status(), "no expiry in the policy");
    }

    @Test
    @DisplayName("then the warning days are configurable per realm and a bad value is refused")
    void configurable() {
        RequiredActionProviderRepresentation action = realm.admin().flows().getRequiredAction("password-expiry-warning");
        assertTrue(action.isEnabled(), "registered and enabled in the realm");
        var config = new org.keycloak.representations.idm.RequiredActionConfigRepresentation();
        config.setConfig(Map.of("warning-days", "0"));
        int status;
        try {
            realm.admin().flows().updateRequiredActionConfig("password-expiry-warning", config);
            status = 204;
        } catch (jakarta.ws.rs.WebApplicationException e) {
            status = e.getResponse().getStatus();
        }
        assertEquals(400, status, "zero days is refused");
        config.setConfig(Map.of("warning-days", "2"));
        realm.admin().flows().updateRequiredActionConfig("password-expiry-warning", config);
        try {
            assertEquals("2", realm.admin().flows().getRequiredActionConfig("password-expiry-warning").getConfig().get("warning-days"));
            Users.createActive(realm.admin(), Users.person("two.days", "two.days@example.org", "Twan", "Twee"), PASSWORD, List.of());
            assertNotNull(logIn(new Browser(), "two.days@example.org", PASSWORD).location(), "3 days left is outside a 2-day window: no warning");
        } finally {
            realm.admin().flows().removeRequiredActionConfig("password-expiry-warning");
        }
    }
}
