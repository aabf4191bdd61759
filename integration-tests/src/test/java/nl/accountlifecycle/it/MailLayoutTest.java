package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.ConsoleMails;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the mails a user receives, the bundle's and Keycloak's own")
class MailLayoutTest {

    static final String PASSWORD = "Zomer2026abc";
    static final String BRAND = "#01689b";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    private static String msg(Properties messages, String key, String... params) {
        String text = ThemeMessages.rendered(messages, key);
        for (int i = 0; i < params.length; i++) {
            text = text.replace("{" + i + "}", params[i]);
        }
        return text;
    }

    /** A user with a tussenvoegsel, as an admin creates one; returns the id. */
    private String anna(String email, String locale) {
        UserRepresentation user = Users.person(null, email, "Anna", "Vries");
        user.setAttributes(locale == null ? Users.attributes("infix", "de") : Users.attributes("infix", "de", "locale", locale));
        return Users.createActive(realm.admin(), user, PASSWORD, List.of());
    }

    /**
     * The organisation's layout: the realm's display name, the brand colour, a button for the main link with the
     * link as text too, dark-mode colours, no image without a logo, "Beste Anna," and the full name with the
     * tussenvoegsel; the text part ends with the same signature and footer as the HTML part.
     */
    private static void assertLayout(Mails.Mail received, Properties messages, String buttonKey) {
        String html = received.html();
        String text = received.text().replace("\r\n", "\n");
        String link = received.link();
        assertTrue(html.contains("name=\"color-scheme\" content=\"light dark\""), html);
        assertTrue(html.contains("@media (prefers-color-scheme: dark)"), "readable in dark mode:\n" + html);
        assertTrue(html.contains("max-width: 600px"), "one responsive column:\n" + html);
        assertTrue(html.contains(">Demo</p>"), "the realm's display name heads the mail:\n" + html);
        assertTrue(html.contains("bgcolor=\"" + BRAND + "\""), "the brand colour:\n" + html);
        assertFalse(html.contains("<img"), "no image without a logo, so nothing is lost with images off:\n" + html);
        String escapedLink = link.replace("&", "&amp;");
        assertTrue(html.contains("<a href=\"" + escapedLink + "\" target=\"_blank\""), "a button for the main link:\n" + html);
        assertTrue(html.contains(">" + ThemeMessages.rendered(messages, buttonKey) + "</a>"), "the button's label:\n" + html);
        assertTrue(html.contains(">" + escapedLink + "</a>"), "the link as text, for clients without the button:\n" + html);

        String greeting = msg(messages, "accountLifecycle.email.greeting", "Anna");
        String fullName = msg(messages, "accountLifecycle.email.sentTo", "Anna de Vries");
        for (String part : List.of(html, text)) {
            assertTrue(part.contains(greeting), "greets by name:\n" + part);
            assertTrue(part.contains(fullName), "the full name with the tussenvoegsel:\n" + part);
            assertTrue(part.contains(ThemeMessages.rendered(messages, "accountLifecycle.email.signature")), part);
            assertTrue(part.contains(ThemeMessages.rendered(messages, "accountLifecycle.email.footer")), part);
            assertFalse(part.contains("${"), "no template left over:\n" + part);
            assertFalse(part.contains("accountLifecycle."), "no raw message key:\n" + part);
            assertFalse(part.contains("requiredAction."), "no raw action key:\n" + part);
        }
        assertTrue(text.strip().endsWith(ThemeMessages.rendered(messages, "accountLifecycle.email.footer")),
                "the text part ends as the HTML part does:\n" + text);
        assertTrue(text.contains(ThemeMessages.rendered(messages, "accountLifecycle.email.signature") + "\nDemo"), text);
    }

    @Test
    @DisplayName("when the bundle sends an activation mail then it has the layout, in Dutch and in English")
    void activationMail() {
        AdminApi api = AdminApi.forRealm(realm);
        String token = admin.tokenManager().getAccessTokenString();
        for (String locale : List.of("nl", "en")) {
            String email = "anna.invite." + locale + "@example.org";
            AdminApi.Reply reply = api.post("invitations", "{\"email\":\"" + email + "\",\"firstName\":\"Anna\",\"infix\":\"de\","
                    + "\"lastName\":\"Vries\",\"locale\":\"" + locale + "\"}", token);
            assertEquals(201, reply.status(), reply.toString());

            Mails.Mail received = Mails.nth(mail, email, 1);
            Properties messages = ThemeMessages.email(locale);
            assertEquals(msg(messages, "accountLifecycle.activation.email.subject", "Demo"), received.subject());
            assertLayout(received, messages, "accountLifecycle.activation.email.button");
        }
    }

    @Test
    @DisplayName("when a user forgets the password then Keycloak's reset mail has the layout and says until when the link works")
    void passwordResetMail() {
        anna("anna.reset@example.org", null);
        Browser browser = new Browser();
        Browser.Page login = browser.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/", Map.of());
        Browser.Page forgot = browser.get(URI.create(login.linkTo("login-actions/reset-credentials")));
        browser.submit(forgot, Map.of("username", "anna.reset@example.org"));

        Mails.Mail received = Mails.nth(mail, "anna.reset@example.org", 1);
        Properties nl = ThemeMessages.email("nl");
        assertEquals(ThemeMessages.rendered(nl, "passwordResetSubject"), received.subject());
        assertLayout(received, nl, "accountLifecycle.passwordReset.button");
        assertTrue(received.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.passwordReset.intro").replace("{0}", "Demo")),
                received.text());
        assertTrue(received.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.email.linkValidUntil").split("\\{0}")[0]),
                "a date and time, not a duration:\n" + received.text());
    }

    @Test
    @DisplayName("when an admin asks to verify the email then Keycloak's verify mail has the layout, in the user's language")
    void verifyEmailMail() {
        String id = anna("anna.verify@example.org", "en");
        realm.admin().users().get(id).sendVerifyEmail();

        Mails.Mail received = Mails.nth(mail, "anna.verify@example.org", 1);
        Properties en = ThemeMessages.email("en");
        assertEquals(ThemeMessages.rendered(en, "emailVerificationSubject"), received.subject());
        assertLayout(received, en, "accountLifecycle.verifyEmail.button");
    }

    @Test
    @DisplayName("when an admin asks for other actions then Keycloak's mail has the layout and names the actions")
    void executeActionsMail() {
        String id = anna("anna.actions@example.org", null);
        realm.admin().users().get(id).executeActionsEmail(List.of("UPDATE_PASSWORD"));

        Mails.Mail received = Mails.nth(mail, "anna.actions@example.org", 1);
        Properties nl = ThemeMessages.email("nl");
        assertLayout(received, nl, "accountLifecycle.executeActions.button");
        assertTrue(received.text().contains("- Wachtwoord bijwerken"), "Keycloak's name of the action:\n" + received.text());
        assertFalse(ConsoleMails.genericLifespanSentence(nl).matcher(received.text()).find(),
                "the link's end as a date, not the generic 'valid for 3 days':\n" + received.text());
    }
}
