package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the demo realm's optional two-factor authentication")
class GroupTwoFactorTest {

    static final String PASSWORD = "Lente2026abc";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @Test
    @DisplayName("when a member of 2fa-required logs in then Keycloak asks to set up a one-time code")
    void groupMemberMustSetUpOtp() {
        Users.createActive(realm.admin(), Users.person("otp.user", "otp.user@example.org", "Olga", "Tweestaps"),
                PASSWORD, List.of("/2fa-required"));

        Browser.Page after = logIn("otp.user@example.org");

        assertNull(after.location(), "not logged in yet");
        assertTrue(after.html().contains("totpSecret"), "OTP setup page expected:\n" + after.html());
    }

    @Test
    @DisplayName("when a plain member of users logs in then no second factor is asked")
    void plainUserLogsInWithPasswordOnly() {
        Users.createActive(realm.admin(), Users.person("plain.user", "plain.user@example.org", "Peter", "Enkel"),
                PASSWORD, List.of("/users"));

        Browser.Page after = logIn("plain.user@example.org");

        assertNotNull(after.location(), "redirected back to the application:\n" + after.html());
        assertTrue(after.location().contains("code="), after.location());
    }

    @Test
    @DisplayName("when the otp-required role is given to one user then that user alone must set up a one-time code")
    void perUserOtp() {
        String id = Users.createActive(realm.admin(), Users.person("one.user", "one.user@example.org", "Olaf", "Apart"),
                PASSWORD, List.of("/users"));
        realm.admin().users().get(id).roles().realmLevel().add(List.of(realm.admin().roles().get("otp-required").toRepresentation()));

        Browser.Page after = logIn("one.user@example.org");

        assertTrue(after.html().contains("totpSecret"), "OTP setup page expected:\n" + after.html());
        assertEquals(200, after.status());
    }

    private Browser.Page logIn(String username) {
        Browser browser = new Browser();
        Browser.Page login = browser.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/", Map.of());
        return browser.submit(login, Map.of("username", username, "password", PASSWORD));
    }
}
