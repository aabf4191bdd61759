package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given an admin invites a user through the admin API")
class ActivationFlowTest extends ActivationFlowBase {

    @Test
    @DisplayName("then the emailed link greets the user, refuses a weak password and activates with a strong one")
    void fullFlowThroughEmailedLink() {
        Map<String, Object> invited = invite("jan.activatie@example.org", null);
        String id = (String) invited.get("userId");
        assertEquals("pending", invited.get("status"));
        Instant expires = Instant.parse((String) invited.get("expiresAt"));
        Duration lifespan = Duration.between(Instant.now(), expires);
        assertTrue(lifespan.toHours() >= 71 && lifespan.toHours() <= 72, "3-day link, got " + lifespan);

        Mails.Mail mail1 = Mails.nth(mail, "jan.activatie@example.org", 1);
        Properties email = ThemeMessages.email("nl");
        assertEquals(msg(email, "accountLifecycle.activation.email.subject", "Demo"), mail1.subject());
        assertNotNull(mail1.html(), "HTML part");
        assertNotNull(mail1.text(), "text part");
        assertTrue(mail1.text().contains("Jan"), mail1.text());

        Browser browser = new Browser();
        Browser.Page page = browser.get(URI.create(mail1.link()));
        assertEquals(200, page.status(), page.html());
        assertTrue(page.text().contains(msg(nl, "accountLifecycle.activation.heading", "Jan")), page.html());
        assertTrue(page.html().contains("data-check=\"minLength\""), "checklist from the realm policy");
        assertTrue(page.html().contains("data-check=\"upperCase\""), "checklist from the realm policy");
        assertTrue(page.html().contains("data-rule=\"passwordHistory\""), "server-only rules are still listed");
        assertTrue(page.html().contains(ThemeMessages.rendered(nl, "accountLifecycle.password.rule.digits.one")), "one digit, singular");
        assertTrue(page.html().contains("data-check=\"notEmail\""), "the email rule ticks in the browser");
        for (String field : List.of("password-new", "password-confirm")) {
            assertTrue(Pattern.compile("<button[^>]*aria-controls=\"" + field + "\"[^>]*data-password-toggle").matcher(page.html()).find(),
                    "a show-password toggle for " + field + ", like Keycloak's own pages:\n" + page.html());
        }
        assertTrue(page.html().contains("/js/passwordVisibility.js"), "Keycloak's toggle script");

        Browser.Page weak = browser.submit(page, Map.of("password-new", "abc", "password-confirm", "abc"));
        assertEquals(200, weak.status());
        assertTrue(weak.html().contains("input-error-password"), "the failed rule is shown:\n" + weak.html());
        boolean ruleNamed = List.of("invalidPasswordMinLengthMessage:8", "invalidPasswordMinDigitsMessage:1",
                        "invalidPasswordMinUpperCaseCharsMessage:1").stream()
                .map(k -> msg(nl, k.split(":")[0], k.split(":")[1]))
                .anyMatch(weak.text()::contains);
        assertTrue(ruleNamed, "the message names the failed rule:\n" + weak.html());
        assertTrue(realm.admin().users().get(id).credentials().isEmpty(), "nothing stored for a weak password");

        Browser.Page done = browser.submit(weak, Map.of("password-new", STRONG, "password-confirm", STRONG));
        assertEquals(realm.getBaseUrl() + "/account/", landed(browser, done),
                "lands on the account console, which starts its own login on the new SSO session");

        UserRepresentation stored = user(id);
        assertTrue(stored.isEmailVerified());
        assertEquals(List.of("activated"), stored.getAttributes().get("accountLifecycle.activation.status"));
        assertNotNull(stored.getAttributes().get("accountLifecycle.activation.activatedAt"));
        assertEquals(1, realm.admin().users().get(id).credentials().size());
        assertNotNull(stored.getAttributes().get("accountLifecycle.password.expiresAt"), "password expiry shown in the console");

        Browser.Page sso = browser.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/", Map.of());
        assertNotNull(sso.location(), "the activated user has a session");

        Browser.Page again = new Browser().get(URI.create(mail1.link()));
        assertTrue(again.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.activation.alreadyActivated")), again.html());
        assertSignInLink(again);
    }

    @Test
    @DisplayName("then the user lands on the invitation's redirect after activation")
    void redirectAfterActivation() {
        String target = realm.getBaseUrl() + "/account/?from=invitation";
        invite("redirect@example.org", "\"clientId\":\"account-console\",\"redirectUri\":\"" + target + "\"");
        Browser browser = new Browser();
        Browser.Page page = browser.get(URI.create(Mails.nth(mail, "redirect@example.org", 1).link()));

        Browser.Page done = browser.submit(page, Map.of("password-new", STRONG, "password-confirm", STRONG));

        assertEquals(target, landed(browser, done), "lands on the invitation's redirect, without a code it never asked for");
    }

    @Test
    @DisplayName("then the landing page is no open redirect: a target the client does not allow goes to the client's own URL")
    void landingRefusesForeignTargets() {
        String landing = realm.getBaseUrl() + "/account-lifecycle/landing?client_id=account-console&target=";
        Browser.Page foreign = new Browser().get(URI.create(landing + "https%3A%2F%2Fevil.example%2Fsteal"));
        assertEquals(303, foreign.status());
        assertEquals(realm.getBaseUrl() + "/account/", foreign.location());
        Browser.Page unknownClient = new Browser().get(URI.create(realm.getBaseUrl() + "/account-lifecycle/landing?client_id=nope&target=https%3A%2F%2Fevil.example%2F"));
        assertEquals(realm.getBaseUrl() + "/account/", unknownClient.location());
        Browser.Page allowed = new Browser().get(URI.create(landing + java.net.URLEncoder.encode(realm.getBaseUrl() + "/account/#/personal-info",
                java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(realm.getBaseUrl() + "/account/#/personal-info", allowed.location());
    }

    @Test
    @DisplayName("then the link carries the user's language, and kc_locale or ui_locales on it choose the page's language")
    void linkLanguage() {
        invite("taal@example.org", null);
        String link = Mails.nth(mail, "taal@example.org", 1).link();
        assertTrue(link.contains("kc_locale=nl"), "the realm's default language for a user without one: " + link);

        Browser.Page dutch = new Browser().get(URI.create(link));
        assertEquals("nl", dutch.lang(), dutch.html());
        Browser.Page english = new Browser().get(URI.create(link.replace("kc_locale=nl", "kc_locale=en")));
        assertEquals("en", english.lang(), english.html());
        assertTrue(english.text().contains(msg(ThemeMessages.login("en"), "accountLifecycle.activation.heading", "Jan")), english.html());
        Browser.Page asked = new Browser().get(URI.create(link.replace("kc_locale=nl", "ui_locales=en")));
        assertEquals("en", asked.lang(), asked.html());
    }

    @Test
    @DisplayName("then the subject is the admin's and an HTML message is shown escaped")
    void customSubjectAndEscapedMessage() {
        invite("custom@example.org", "\"subject\":\"Welkom bij Acme & Co\",\"message\":\"<script>alert(1)</script> Tot maandag!\"");

        Mails.Mail received = Mails.nth(mail, "custom@example.org", 1);

        assertEquals("Welkom bij Acme & Co", received.subject());
        assertFalse(received.html().contains("<script>"), received.html());
        assertTrue(received.html().contains("&lt;script&gt;alert(1)&lt;/script&gt; Tot maandag!"), received.html());
        assertTrue(received.text().contains("<script>alert(1)</script> Tot maandag!"), "plain text keeps the text as typed");
    }

    @Test
    @DisplayName("then events record activation_sent and activation_completed")
    void eventsRecorded() {
        String id = (String) invite("events@example.org", null).get("userId");
        Browser browser = new Browser();
        Browser.Page page = browser.get(URI.create(Mails.nth(mail, "events@example.org", 1).link()));
        browser.submit(page, Map.of("password-new", STRONG, "password-confirm", STRONG));

        List<String> userEventDetails = realm.admin().getEvents(null, null, id, null, null, null, 0, 100).stream()
                .map(e -> e.getDetails() == null ? "" : String.valueOf(e.getDetails().get("account_lifecycle")))
                .toList();
        assertTrue(userEventDetails.contains("activation_sent"), userEventDetails.toString());
        assertTrue(userEventDetails.contains("activation_completed"), userEventDetails.toString());
        boolean adminEvent = realm.admin().getAdminEvents().stream()
                .anyMatch(e -> ("users/" + id).equals(e.getResourcePath()) && e.getDetails() != null
                        && "activation_sent".equals(e.getDetails().get("account_lifecycle")));
        assertTrue(adminEvent, "admin event with detail activation_sent");
    }

    @Test
    @DisplayName("then the list and the per-user status report pending and activated users")
    void listAndStatus() {
        String pendingId = (String) invite("list.pending@example.org", null).get("userId");
        String doneId = (String) invite("list.done@example.org", null).get("userId");
        Browser browser = new Browser();
        Browser.Page page = browser.get(URI.create(Mails.nth(mail, "list.done@example.org", 1).link()));
        browser.submit(page, Map.of("password-new", STRONG, "password-confirm", STRONG));

        Map<String, Object> pending = api.get("invitations?status=pending&max=500", token()).json();
        List<?> pendingIds = ((List<?>) pending.get("items")).stream().map(i -> ((Map<?, ?>) i).get("userId")).toList();
        assertTrue(pendingIds.contains(pendingId));
        assertFalse(pendingIds.contains(doneId));
        Map<?, ?> counts = (Map<?, ?>) pending.get("counts");
        assertTrue(((Number) counts.get("activated")).intValue() >= 1, counts.toString());

        Map<?, ?> status = (Map<?, ?>) api.get("users/" + doneId, token()).json().get("activation");
        assertEquals("activated", status.get("status"));
        assertNull(status.get("expiresAt"));
        assertEquals(400, api.get("invitations?status=bogus", token()).status());
        assertEquals(404, api.get("users/no-such-user", token()).status());
    }
}
