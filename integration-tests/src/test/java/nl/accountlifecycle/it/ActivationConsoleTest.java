package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given an admin works in the native admin console")
class ActivationConsoleTest {

    static final String STRONG = "Console2026abc";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    /** The server's clock, moved on between two links instead of waiting. */
    @InjectTimeOffSet
    TimeOffSet clock;

    private String createInConsole(String username, String email) {
        Users.Created created = Users.create(realm.admin(), Users.person(username, email, "Carla", "Console"));
        assertEquals(201, created.status(), created.body());
        return created.id();
    }

    @Test
    @DisplayName("when a user is created with an email and no password then the activation email arrives by itself")
    void createSendsActivation() {
        String id = createInConsole("carla", "carla@example.org");

        Mails.Mail received = Mails.nth(mail, "carla@example.org", 1);
        assertTrue(received.subject().startsWith(ThemeMessages.rendered(ThemeMessages.email("nl"),
                "accountLifecycle.activation.email.subject").replace("{0}", "")), received.subject());
        UserRepresentation user = realm.admin().users().get(id).toRepresentation();
        assertEquals(List.of("pending"), user.getAttributes().get("accountLifecycle.activation.status"));
        assertNotNull(user.getAttributes().get("accountLifecycle.activation.expiresAt"));

        Browser browser = new Browser();
        Browser.Page page = browser.get(URI.create(received.link()));
        Browser.Page done = browser.submit(page, Map.of("password-new", STRONG, "password-confirm", STRONG));
        assertNotNull(done.location(), done.html());
        assertEquals(List.of("activated"),
                realm.admin().users().get(id).toRepresentation().getAttributes().get("accountLifecycle.activation.status"));
    }

    @Test
    @DisplayName("when a user is created with a password then no activation email is sent")
    void createWithPasswordSendsNothing() throws InterruptedException {
        Users.createActive(realm.admin(), Users.person("withpw", "withpw@example.org", "Wim", "Wachtwoord"), STRONG, List.of());
        createInConsole("marker", "marker@example.org");
        Mails.nth(mail, "marker@example.org", 1); // mails are sent in order; the marker's arrived

        assertTrue(Mails.to(mail, "withpw@example.org").isEmpty(), "no activation mail for a user with a password");
    }

    @Test
    @DisplayName("when the admin sends Activate account through Credential reset then the bundle's email arrives and the link works once")
    void credentialResetWithActivateAccount() {
        String id = createInConsole("reset.user", "reset.user@example.org");
        Mails.nth(mail, "reset.user@example.org", 1);

        realm.admin().users().get(id).executeActionsEmail(List.of("activate-account"));

        Instant sentAround = Instant.now();
        Mails.Mail received = Mails.nth(mail, "reset.user@example.org", 2);
        assertTrue(received.text().contains(ThemeMessages.rendered(ThemeMessages.email("nl"), "accountLifecycle.activation.email.button")),
                "the bundle's activation text, not Keycloak's generic one:\n" + received.text());
        ConsoleMails.assertExpiresAt(received, sentAround.plusSeconds(realm.admin().toRepresentation().getActionTokenGeneratedByAdminLifespan()));
        assertEquals(List.of("pending"),
                realm.admin().users().get(id).toRepresentation().getAttributes().get("accountLifecycle.activation.status"));

        Browser browser = new Browser();
        Browser.Page page = browser.get(URI.create(received.link()));
        // in a fresh browser Keycloak first asks to confirm the actions of an execute-actions link: it names ours, in Dutch
        assertFalse(page.html().contains("kc-activate-account-form"), "the confirmation comes first:\n" + page.html());
        assertTrue(page.text().contains(ThemeMessages.rendered(ThemeMessages.login("nl"), "requiredAction.activate-account")), page.html());
        assertFalse(page.html().contains("requiredAction."), "no raw action key:\n" + page.html());
        page = browser.get(URI.create(page.formActionOrLink()));
        assertTrue(page.html().contains("kc-activate-account-form"), page.html());
        Browser.Page done = browser.submit(page, Map.of("password-new", STRONG, "password-confirm", STRONG));
        assertEquals(1, realm.admin().users().get(id).credentials().size());
        assertEquals(List.of("activated"),
                realm.admin().users().get(id).toRepresentation().getAttributes().get("accountLifecycle.activation.status"));
        assertEquals(realm.getBaseUrl() + "/account/", ActivationFlowBase.landed(browser, done),
                "lands logged in on the account console, not on a dead-end 'account updated' page");
        assertNotNull(browser.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/", Map.of()).location(),
                "the activated user has an SSO session");

        Browser.Page reused = open(received.link());
        assertFalse(reused.html().contains("kc-activate-account-form"), "the link works once:\n" + reused.html());
        assertTrue(reused.text().contains(ThemeMessages.rendered(ThemeMessages.login("nl"), "accountLifecycle.activation.alreadyActivated")),
                "a used console link says the account is already activated:\n" + reused.html());
    }

    @Test
    @DisplayName("when the user's email changes while a console link's form is open then the submit is refused and nothing is stored")
    void consoleLinkRecheckedOnSubmit() {
        String id = createInConsole("recheck.console", "recheck.console@example.org");
        Mails.nth(mail, "recheck.console@example.org", 1);
        realm.admin().users().get(id).executeActionsEmail(List.of("activate-account"));
        Mails.Mail received = Mails.nth(mail, "recheck.console@example.org", 2);
        Browser browser = new Browser();
        Browser.Page page = browser.get(URI.create(received.link()));
        if (!page.html().contains("kc-activate-account-form")) {
            page = browser.get(URI.create(page.formActionOrLink()));
        }
        assertTrue(page.html().contains("kc-activate-account-form"), page.html());
        UserRepresentation rep = realm.admin().users().get(id).toRepresentation();
        rep.setEmail("recheck.elsewhere@example.org");
        realm.admin().users().get(id).update(rep);

        Browser.Page after = browser.submit(page, Map.of("password-new", STRONG, "password-confirm", STRONG));

        assertNull(after.location(), "not logged in: " + after.location());
        assertTrue(after.text().contains(ThemeMessages.rendered(ThemeMessages.login("nl"), "accountLifecycle.activation.refused.emailChanged")),
                after.html());
        assertTrue(realm.admin().users().get(id).credentials().isEmpty());
        assertEquals(List.of("pending"),
                realm.admin().users().get(id).toRepresentation().getAttributes().get("accountLifecycle.activation.status"));
    }

    @Test
    @DisplayName("when the admin sends Activate account again then the earlier console link shows it was replaced")
    void consoleResendReplacesEarlierLink() {
        String id = createInConsole("twice", "twice@example.org");
        Mails.nth(mail, "twice@example.org", 1);
        realm.admin().users().get(id).executeActionsEmail(List.of("activate-account"));
        String first = Mails.nth(mail, "twice@example.org", 2).link();
        Map<String, List<String>> firstState = realm.admin().users().get(id).toRepresentation().getAttributes();
        clock.set(60); // the second link is sent a minute later: its dates differ, at their one-second resolution
        realm.admin().users().get(id).executeActionsEmail(List.of("activate-account"));
        String second = Mails.nth(mail, "twice@example.org", 3).link();
        Map<String, List<String>> secondState = realm.admin().users().get(id).toRepresentation().getAttributes();
        for (String shown : List.of("accountLifecycle.activation.sentAt", "accountLifecycle.activation.expiresAt")) {
            assertNotNull(secondState.get(shown), shown);
            assertFalse(secondState.get(shown).equals(firstState.get(shown)), shown + " shows the latest link: " + secondState.get(shown));
            assertTrue(secondState.get(shown).get(0).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"),
                    shown + " is ISO-8601 to the second with its zone: " + secondState.get(shown));
        }

        Browser.Page old = open(first);
        assertTrue(old.text().contains(ThemeMessages.rendered(ThemeMessages.login("nl"), "accountLifecycle.activation.replaced")), old.html());
        assertTrue(open(second).html().contains("kc-activate-account-form"));
        assertTrue(realm.admin().users().get(id).credentials().isEmpty());
    }

    /** Follows an execute-actions link the way a user does, through Keycloak's confirmation page if it shows one. */
    private static Browser.Page open(String link) {
        Browser browser = new Browser();
        Browser.Page page = browser.get(URI.create(link));
        if (!page.html().contains("kc-activate-account-form") && page.html().contains("login-actions")) {
            page = browser.get(URI.create(page.formActionOrLink()));
        }
        return page;
    }

    @Test
    @DisplayName("then the lifecycle attributes are read-only for admins and invisible to the user")
    void lifecycleAttributesReadOnly() {
        String id = createInConsole("readonly", "readonly@example.org");
        Mails.nth(mail, "readonly@example.org", 1);

        UserRepresentation rep = realm.admin().users().get(id).toRepresentation();
        rep.getAttributes().put("accountLifecycle.activation.status", List.of("activated"));
        try {
            realm.admin().users().get(id).update(rep);
        } catch (RuntimeException refused) {
            // refusing the edit is fine too
        }
        assertEquals(List.of("pending"),
                realm.admin().users().get(id).toRepresentation().getAttributes().get("accountLifecycle.activation.status"));

        // the same user, given a password by the admin so that it can sign in and look at its own profile
        org.keycloak.representations.idm.CredentialRepresentation password = new org.keycloak.representations.idm.CredentialRepresentation();
        password.setType("password");
        password.setValue(STRONG);
        password.setTemporary(false);
        realm.admin().users().get(id).resetPassword(password);
        UserRepresentation verified = realm.admin().users().get(id).toRepresentation();
        verified.setEmailVerified(true);
        realm.admin().users().get(id).update(verified);
        assertTrue(realm.admin().users().get(id).toRepresentation().getAttributes().containsKey("accountLifecycle.activation.status"));
        try (Keycloak asUser = KeycloakBuilder.builder().serverUrl(realm.getBaseUrl().replaceAll("/realms/.*$", ""))
                .realm(DemoRealm.NAME).clientId("admin-cli").username("readonly@example.org").password(STRONG).build()) {
            String token = asUser.tokenManager().getAccessTokenString();
            String account = new nl.accountlifecycle.it.support.AccountApi(realm.getBaseUrl()).me(token);
            assertFalse(account.contains("accountLifecycle.activation"), "the user sees no lifecycle attributes: " + account);
            assertTrue(account.contains("readonly@example.org"), "it is the user's own profile");
        }
    }
}
