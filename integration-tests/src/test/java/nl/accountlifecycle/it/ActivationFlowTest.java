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
import java.util.regex.Matcher;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import org.junit.jupiter.api.BeforeEach;
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
@DisplayName("Given an admin invites a user through the admin API")
class ActivationFlowTest {

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
    void setUp() {
        api = AdminApi.forRealm(realm);
        nl = ThemeMessages.login("nl");
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    private Map<String, Object> invite(String email, String extraJson) {
        String json = "{\"email\":\"" + email + "\",\"firstName\":\"Jan\",\"infix\":\"van den\",\"lastName\":\"Berg\","
                + "\"groups\":[\"users\"]" + (extraJson == null ? "" : "," + extraJson) + "}";
        AdminApi.Reply reply = api.post("invitations", json, token());
        assertEquals(201, reply.status(), reply.toString());
        return reply.json();
    }

    private UserRepresentation user(String id) {
        return realm.admin().users().get(id).toRepresentation();
    }

    private static String msg(Properties messages, String key, String param) {
        return ThemeMessages.rendered(messages, key).replace("{0}", param);
    }

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

    /** A page that ends a link's way offers signing in, not Keycloak's "Back to application". */
    private void assertSignInLink(Browser.Page page) {
        Matcher link = Pattern.compile("<a id=\"al-sign-in\"[^>]*href=\"([^\"]+)\"[^>]*>([^<]*)</a>").matcher(page.html());
        assertTrue(link.find(), "a sign-in link:\n" + page.html());
        assertTrue(page.uri().resolve(link.group(1)).toString().startsWith(realm.getBaseUrl() + "/account"), link.group(1));
        assertEquals(ThemeMessages.rendered(nl, "accountLifecycle.link.signIn"), link.group(2).trim());
        assertFalse(page.text().contains("Terugkeren naar applicatie"), page.html());
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


    private Browser.Page openForm(Browser browser, String email) {
        Browser.Page page = browser.get(URI.create(Mails.nth(mail, email, 1).link()));
        assertTrue(page.html().contains("kc-activate-account-form"), page.html());
        return page;
    }

    private void assertNothingWritten(String id) {
        assertTrue(realm.admin().users().get(id).credentials().isEmpty(), "no password stored");
        UserRepresentation stored = user(id);
        assertEquals(List.of("pending"), stored.getAttributes().get("accountLifecycle.activation.status"));
        assertFalse(Boolean.TRUE.equals(stored.isEmailVerified()), "the address is not marked verified");
    }

    @Test
    @DisplayName("then, with the form open, an email changed by an admin refuses the submit: no takeover by the old mailbox")
    void emailChangedAfterOpen() {
        String id = (String) invite("holder.old@example.org", null).get("userId");
        Browser browser = new Browser();
        Browser.Page form = openForm(browser, "holder.old@example.org");
        UserRepresentation rep = user(id);
        rep.setEmail("holder.new@example.org");
        realm.admin().users().get(id).update(rep);

        Browser.Page after = browser.submit(form, Map.of("password-new", STRONG, "password-confirm", STRONG));

        assertNull(after.location(), "not logged in: " + after.location());
        assertTrue(after.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.activation.refused.emailChanged")), after.html());
        assertNothingWritten(id);
    }

    @Test
    @DisplayName("then, with the form open, a user disabled meanwhile is refused and nothing is stored")
    void disabledAfterOpen() {
        String id = (String) invite("disabled.later@example.org", null).get("userId");
        Browser browser = new Browser();
        Browser.Page form = openForm(browser, "disabled.later@example.org");
        UserRepresentation rep = user(id);
        rep.setEnabled(false);
        realm.admin().users().get(id).update(rep);

        Browser.Page after = browser.submit(form, Map.of("password-new", STRONG, "password-confirm", STRONG));

        assertNull(after.location(), "not logged in: " + after.location());
        assertTrue(after.text().contains(ThemeMessages.rendered(nl, "accountDisabledMessage")), after.html());
        assertNothingWritten(id);
    }

    @Test
    @DisplayName("then, with the form open, a link replaced meanwhile by a resend is refused and nothing is stored")
    void replacedAfterOpen() {
        String id = (String) invite("replaced.later@example.org", null).get("userId");
        Browser browser = new Browser();
        Browser.Page form = openForm(browser, "replaced.later@example.org");
        AdminApi.Reply resent = api.post("invitations/" + id + "/resend", "{}", token());
        assertEquals(200, resent.status(), resent.toString());

        Browser.Page after = browser.submit(form, Map.of("password-new", STRONG, "password-confirm", STRONG));

        assertNull(after.location(), "not logged in: " + after.location());
        assertTrue(after.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.activation.replaced")), after.html());
        assertNothingWritten(id);
    }

    @Test
    @DisplayName("then a resend replaces the link: the old one shows a replaced page, the new one works")
    void resendInvalidatesOldLink() {
        String id = (String) invite("resend@example.org", null).get("userId");
        String oldLink = Mails.nth(mail, "resend@example.org", 1).link();

        AdminApi.Reply resent = api.post("invitations/" + id + "/resend", "{}", token());
        assertEquals(200, resent.status(), resent.toString());
        String newLink = Mails.nth(mail, "resend@example.org", 2).link();
        assertTrue(realm.admin().getAdminEvents().stream().anyMatch(e -> ("users/" + id + "/activation").equals(e.getResourcePath())
                && e.getDetails() != null && "activation_resent".equals(e.getDetails().get("account_lifecycle"))), "activation_resent admin event");

        Browser.Page old = new Browser().get(URI.create(oldLink));
        assertTrue(old.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.activation.replaced")), old.html());
        Browser.Page fresh = new Browser().get(URI.create(newLink));
        assertTrue(fresh.html().contains("kc-activate-account-form"), fresh.html());
    }

    @Test
    @DisplayName("then an expired link offers a new one, with the same answer for every address and one link per quarter hour")
    void expiredLinkSelfServiceResend() throws InterruptedException {
        String id = (String) invite("expired@example.org", "\"lifespan\":1").get("userId");
        String link = Mails.nth(mail, "expired@example.org", 1).link();
        Thread.sleep(2100);
        assertEquals("expired", ((Map<?, ?>) api.get("users/" + id, token()).json().get("activation")).get("status"));

        Browser browser = new Browser();
        Browser.Page page = browser.get(URI.create(link));
        assertTrue(page.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.activation.expired.resend")), page.html());

        String sent = ThemeMessages.rendered(nl, "accountLifecycle.activation.resend.sent");
        Browser.Page known = browser.submit(page, Map.of("email", "expired@example.org"));
        Browser.Page unknown = new Browser().submit(page, Map.of("email", "nobody.at.all@example.org"));
        Browser.Page again = new Browser().submit(page, Map.of("email", "expired@example.org"));
        assertTrue(known.text().contains(sent), known.html());
        assertTrue(unknown.text().contains(sent), "same answer for an unknown address");
        assertTrue(again.text().contains(sent), "same answer when rate-limited");

        Mails.Mail second = Mails.nth(mail, "expired@example.org", 2);
        Browser.Page fresh = new Browser().get(URI.create(second.link()));
        assertTrue(fresh.html().contains("kc-activate-account-form"), fresh.html());
        assertEquals(2, Mails.to(mail, "expired@example.org").size(), "rate limit: no third mail");
        assertTrue(Mails.to(mail, "nobody.at.all@example.org").isEmpty());
    }

    @Test
    @DisplayName("then the self-service resend leaves a link that still works alone: nobody can cut an admin's long link short")
    void selfServiceResendOnlyForExpired() {
        String id = (String) invite("still.valid@example.org", "\"lifespan\":2592000").get("userId");
        Mails.Mail first = Mails.nth(mail, "still.valid@example.org", 1);
        String expiresBefore = (String) ((Map<?, ?>) api.get("users/" + id, token()).json().get("activation")).get("expiresAt");
        String resendUrl = realm.getBaseUrl() + "/account-lifecycle/activation/resend";
        Browser.Page form = new Browser().get(URI.create(resendUrl));

        Browser.Page answer = new Browser().submit(form, Map.of("email", "still.valid@example.org"));

        assertTrue(answer.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.activation.resend.sent")), answer.html());
        assertEquals(expiresBefore, ((Map<?, ?>) api.get("users/" + id, token()).json().get("activation")).get("expiresAt"),
                "the 30-day link keeps its expiry");
        Browser.Page still = new Browser().get(URI.create(first.link()));
        assertTrue(still.html().contains("kc-activate-account-form"), "the admin's link still works:\n" + still.html());
        sleepQuietly(1000);
        assertEquals(1, Mails.to(mail, "still.valid@example.org").size(), "no new mail for a link that still works");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
    @DisplayName("then the user details in the console show expired once the link has expired")
    void consoleShowsExpired() throws InterruptedException {
        String id = (String) invite("shows.expired@example.org", "\"lifespan\":1").get("userId");
        assertEquals(List.of("pending"), user(id).getAttributes().get("accountLifecycle.activation.status"));

        long deadline = System.currentTimeMillis() + 15_000;
        List<String> status = List.of();
        while (System.currentTimeMillis() < deadline) {
            status = user(id).getAttributes().get("accountLifecycle.activation.status");
            if (List.of("expired").equals(status)) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals(List.of("expired"), status, "the scheduled scan marks the invitation expired");
        Map<String, Object> list = api.get("invitations?status=expired", token()).json();
        assertTrue(((List<?>) list.get("items")).stream().anyMatch(i -> id.equals(((Map<?, ?>) i).get("userId"))));
    }

    @Test
    @DisplayName("then, where the realm does not allow self-service resend, an expired link says to ask the administrator")
    void expiredLinkAskAdministrator() throws InterruptedException {
        var rep = realm.admin().toRepresentation();
        rep.getAttributes().put("accountLifecycle.activation.selfServiceResend", "false");
        realm.admin().update(rep);
        try {
            String id = (String) invite("expired.admin@example.org", "\"lifespan\":1").get("userId");
            String link = Mails.nth(mail, "expired.admin@example.org", 1).link();
            Thread.sleep(2100);

            Browser.Page page = new Browser().get(URI.create(link));

            assertTrue(page.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.activation.expired")), page.html());
            assertFalse(page.html().contains("al-resend-form"));
            AdminApi.Reply resent = api.post("invitations/" + id + "/resend", null, token());
            assertEquals(200, resent.status(), resent.toString());
            assertEquals("pending", resent.json().get("status"));
        } finally {
            rep.getAttributes().put("accountLifecycle.activation.selfServiceResend", "true");
            realm.admin().update(rep);
        }
    }

    @Test
    @DisplayName("then a link for a disabled user is refused and nothing changes")
    void disabledUserRefused() {
        String id = (String) invite("disabled@example.org", null).get("userId");
        String link = Mails.nth(mail, "disabled@example.org", 1).link();
        UserRepresentation rep = user(id);
        rep.setEnabled(false);
        realm.admin().users().get(id).update(rep);

        Browser.Page page = new Browser().get(URI.create(link));

        assertFalse(page.html().contains("kc-activate-account-form"), page.html());
        assertTrue(page.text().contains(ThemeMessages.rendered(nl, "accountDisabledMessage")), page.html());
        assertTrue(realm.admin().users().get(id).credentials().isEmpty());
        assertEquals(List.of("pending"), user(id).getAttributes().get("accountLifecycle.activation.status"));
    }

    @Test
    @DisplayName("then a link whose email no longer matches the user's email is refused")
    void changedEmailRefused() {
        String id = (String) invite("old.address@example.org", null).get("userId");
        String link = Mails.nth(mail, "old.address@example.org", 1).link();
        UserRepresentation rep = user(id);
        rep.setEmail("new.address@example.org");
        realm.admin().users().get(id).update(rep);

        Browser.Page page = new Browser().get(URI.create(link));

        assertTrue(page.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.activation.refused.emailChanged")), page.html());
        assertTrue(realm.admin().users().get(id).credentials().isEmpty());
    }

    @Test
    @DisplayName("then a tampered link is refused and nothing changes")
    void tamperedLinkRefused() {
        String id = (String) invite("tampered@example.org", null).get("userId");
        String link = Mails.nth(mail, "tampered@example.org", 1).link();
        int dot = link.indexOf('.', link.indexOf("key=")) + 5;
        String tampered = link.substring(0, dot) + (link.charAt(dot) == 'A' ? 'B' : 'A') + link.substring(dot + 1);

        Browser.Page page = new Browser().get(URI.create(tampered));

        assertFalse(page.html().contains("kc-activate-account-form"), page.html());
        assertTrue(page.html().contains("kc-error-message"), page.html());
        assertTrue(page.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.badLink.title")), page.html());
        assertTrue(page.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.badLink.help")), "says what to do next:\n" + page.html());
        assertSignInLink(page);
        assertTrue(realm.admin().users().get(id).credentials().isEmpty());
    }

    @Test
    @DisplayName("then a garbage link shows the themed page with a way to sign in, in Dutch and in English")
    void garbageLinkLeadsSomewhere() {
        String garbage = realm.getBaseUrl() + "/login-actions/action-token?key=not-a-token";

        Browser browser = new Browser();
        Browser.Page nlPage = browser.get(URI.create(garbage));
        assertTrue(nlPage.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.badLink.help")), nlPage.html());
        assertFalse(nlPage.text().contains("Ongeldige request"), "not Keycloak's bare message");
        assertSignInLink(nlPage);

        // the page's language switcher leads to the same page in English
        Matcher english = Pattern.compile("value=\"([^\"]*kc_locale=en)\"").matcher(nlPage.html());
        assertTrue(english.find(), nlPage.html());
        Browser.Page enPage = browser.get(nlPage.uri().resolve(english.group(1).replace("&amp;", "&")));
        Properties en = ThemeMessages.login("en");
        assertTrue(enPage.text().contains(ThemeMessages.rendered(en, "accountLifecycle.badLink.help")), enPage.html());
        assertTrue(enPage.text().contains(ThemeMessages.rendered(en, "accountLifecycle.link.signIn")), enPage.html());
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
