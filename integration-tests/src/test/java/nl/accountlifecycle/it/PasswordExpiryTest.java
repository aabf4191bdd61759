package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.ThemeMessages;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given passwords that expire under the realm's 90-day policy")
class PasswordExpiryTest extends PasswordReminderBase {

    @Test
    @DisplayName("then after 90 days the login forces a new password, on the page with the checklist")
    void expiryForcesUpdate() {
        Users.createActive(realm.admin(), Users.person("expired.pw", "expired.pw@example.org", "Eva", "Verlopen"), PASSWORD, List.of());
        clock.set(91 * DAY);

        Browser browser = new Browser();
        var login = browser.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/", Map.of());
        var update = browser.submit(login, Map.of("username", "expired.pw@example.org", "password", PASSWORD));
        assertTrue(update.html().contains("kc-passwd-update-form") && update.html().contains("id=\"al-password-rules\""), update.html());
        var reused = browser.submit(update, Map.of("password-new", PASSWORD, "password-confirm", PASSWORD));
        assertTrue(reused.text().contains(ThemeMessages.rendered(ThemeMessages.login("nl"), "invalidPasswordHistoryMessage").replace("{0}", "5")),
                "the old password is refused by the history rule:\n" + reused.html());
        var done = browser.submit(reused, Map.of("password-new", "Lente2027abc", "password-confirm", "Lente2027abc"));
        assertTrue(done.location() != null && done.location().contains("code="), done.html());
    }

    @Test
    @DisplayName("then the reminder days are configured through the API and a value the scan cannot use is refused")
    void reminderDaysConfig() {
        String token = token();
        realm.cleanup().add(r -> api.put("password-reminders/config", "{\"reminderDays\":[14,7,1]}", token()));
        assertEquals(List.of(14, 7, 1), api.get("password-reminders/config", token).json().get("reminderDays"));
        for (String bad : List.of("[0]", "[-3]", "[90]", "[\"soon\"]", "[]")) {
            AdminApi.Reply refused = api.put("password-reminders/config", "{\"reminderDays\":" + bad + "}", token);
            assertEquals(400, refused.status(), bad + " " + refused);
            assertEquals("reminderDays", refused.json().get("field"));
        }
        AdminApi.Reply saved = api.put("password-reminders/config", "{\"reminderDays\":[30,3]}", token);
        assertEquals(200, saved.status(), saved.toString());
        assertEquals(List.of(30, 3), api.get("password-reminders/config", token).json().get("reminderDays"));
        assertEquals("30,3", realm.admin().toRepresentation().getAttributes().get("accountLifecycle.password.reminderDays"));
        assertEquals(List.of(14, 7, 1), api.put("password-reminders/config", "{\"reminderDays\":[14,7,1]}", token).json().get("reminderDays"));
    }
}
