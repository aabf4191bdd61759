package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.Matcher;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/** What the activation tests share: the demo realm, the mailbox, the bundle's admin API and the checks of a link's pages. */
abstract class ActivationFlowBase {

    static final String STRONG = "Welkom2026abc";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    AdminApi api;
    Properties nl;

    @BeforeEach
    void setUpApi() {
        api = AdminApi.forRealm(realm);
        nl = ThemeMessages.login("nl");
    }

    String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    Map<String, Object> invite(String email, String extraJson) {
        String json = "{\"email\":\"" + email + "\",\"firstName\":\"Jan\",\"infix\":\"van den\",\"lastName\":\"Berg\","
                + "\"groups\":[\"users\"]" + (extraJson == null ? "" : "," + extraJson) + "}";
        AdminApi.Reply reply = api.post("invitations", json, token());
        assertEquals(201, reply.status(), reply.toString());
        return reply.json();
    }

    UserRepresentation user(String id) {
        return realm.admin().users().get(id).toRepresentation();
    }

    static String msg(Properties messages, String key, String param) {
        return ThemeMessages.rendered(messages, key).replace("{0}", param);
    }

    /** A page that ends a link's way offers signing in, not Keycloak's "Back to application". */
    void assertSignInLink(Browser.Page page) {
        Matcher link = Pattern.compile("<a id=\"al-sign-in\"[^>]*href=\"([^\"]+)\"[^>]*>([^<]*)</a>").matcher(page.html());
        assertTrue(link.find(), "a sign-in link:\n" + page.html());
        assertTrue(page.uri().resolve(link.group(1)).toString().startsWith(realm.getBaseUrl() + "/account"), link.group(1));
        assertEquals(ThemeMessages.rendered(nl, "accountLifecycle.link.signIn"), link.group(2).trim());
        String keycloaksLink = ThemeMessages.rendered(ThemeMessages.keycloakLogin("nl"), "backToApplication").replaceFirst("^«\\s*", "");
        assertFalse(page.text().contains(keycloaksLink), "not Keycloak's \"back to application\":\n" + page.html());
    }

    /**
     * Where the browser goes after the activation form: through the bundle's landing page, on to the client's URL.
     * No authorization code reaches the client, which never started this flow.
     */
    static String landed(Browser browser, Browser.Page done) {
        assertNotNull(done.location(), "the flow ends in a redirect:\n" + done.html());
        assertTrue(done.location().contains("/account-lifecycle/landing"), done.location());
        Browser.Page landing = browser.get(URI.create(done.location()));
        assertEquals(303, landing.status(), landing.html());
        assertNotNull(landing.location());
        assertFalse(landing.location().contains("code="), landing.location());
        return landing.location();
    }

    Browser.Page openForm(Browser browser, String email) {
        Browser.Page page = browser.get(URI.create(Mails.nth(mail, email, 1).link()));
        assertTrue(page.html().contains("kc-activate-account-form"), page.html());
        return page;
    }

    void assertNothingWritten(String id) {
        assertTrue(realm.admin().users().get(id).credentials().isEmpty(), "no password stored");
        UserRepresentation stored = user(id);
        assertEquals(List.of("pending"), stored.getAttributes().get("accountLifecycle.activation.status"));
        assertFalse(Boolean.TRUE.equals(stored.isEmailVerified()), "the address is not marked verified");
    }
}
