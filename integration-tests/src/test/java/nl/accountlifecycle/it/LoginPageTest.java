package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;

import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.ThemeMessages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given a user opens the demo realm's login page")
class LoginPageTest {

    static final String CLIENT = "account-console";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @Test
    @DisplayName("then the page is served by the account-lifecycle theme, in Dutch by default")
    void dutchByDefault() {
        Browser.Page page = new Browser().openLogin(realm.getBaseUrl(), CLIENT, accountUrl(), Map.of());

        assertEquals(200, page.status(), page.html());
        assertTrue(page.html().contains("account-lifecycle.css"), "the bundle's stylesheet is linked");
        assertEquals("nl", page.lang());
        assertShows(page, ThemeMessages.login("nl"), "doForgotPassword");
        assertShows(page, ThemeMessages.login("nl"), "loginAccountTitle");
    }

    @Test
    @DisplayName("then ui_locales=en serves the same page in English")
    void englishOnRequest() {
        Browser.Page page = new Browser().openLogin(realm.getBaseUrl(), CLIENT, accountUrl(), Map.of("ui_locales", "en"));

        assertEquals(200, page.status(), page.html());
        assertTrue(page.html().contains("account-lifecycle.css"));
        assertEquals("en", page.lang());
        Properties en = ThemeMessages.login("en");
        assertShows(page, en, "doForgotPassword");
        assertShows(page, en, "loginAccountTitle");
        assertNotEquals(ThemeMessages.rendered(ThemeMessages.login("nl"), "doForgotPassword"),
                ThemeMessages.rendered(en, "doForgotPassword"), "the two languages differ");
        assertFalse(page.text().contains(ThemeMessages.rendered(ThemeMessages.login("nl"), "doForgotPassword")),
                "no Dutch left on the English page");
    }

    @Test
    @DisplayName("then a wrong password is answered in the user's language without saying whether the account exists")
    void wrongPasswordNoEnumeration() {
        Browser browser = new Browser();
        Browser.Page login = browser.openLogin(realm.getBaseUrl(), CLIENT, accountUrl(), Map.of());
        Browser.Page known = browser.submit(login, Map.of("username", "demo-admin", "password", "Wrong-Password-1"));

        Browser other = new Browser();
        Browser.Page login2 = other.openLogin(realm.getBaseUrl(), CLIENT, accountUrl(), Map.of());
        Browser.Page unknown = other.submit(login2, Map.of("username", "nobody-here", "password", "Wrong-Password-1"));

        String message = ThemeMessages.rendered(ThemeMessages.login("nl"), "invalidUserMessage");
        assertTrue(known.text().contains(message), "known user sees: " + message);
        assertTrue(unknown.text().contains(message), "unknown user sees the same: " + message);
    }

    private String accountUrl() {
        return realm.getBaseUrl() + "/account/";
    }

    private static void assertShows(Browser.Page page, Properties messages, String key) {
        String expected = ThemeMessages.rendered(messages, key);
        assertTrue(page.text().contains(expected), "page should show " + key + " = '" + expected + "'");
    }
}
