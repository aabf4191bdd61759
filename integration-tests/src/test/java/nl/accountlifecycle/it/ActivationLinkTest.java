package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.Matcher;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Await;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given an activation link that was replaced, expired or garbled")
class ActivationLinkTest extends ActivationFlowBase {

    /** The server's clock, moved past a link's lifespan instead of waiting for it. */
    @InjectTimeOffSet
    TimeOffSet clock;

    /** Far enough past an invitation made with a lifespan of one second; moving the clock, not waiting. */
    static final int PAST_A_ONE_SECOND_LINK = 60;

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
    void expiredLinkSelfServiceResend() {
        String id = (String) invite("expired@example.org", "\"lifespan\":1").get("userId");
        String link = Mails.nth(mail, "expired@example.org", 1).link();
        clock.set(PAST_A_ONE_SECOND_LINK);
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
        Await.quietPeriod(Duration.ofSeconds(1));
        assertEquals(1, Mails.to(mail, "still.valid@example.org").size(), "no new mail for a link that still works");
    }

    @Test
    @DisplayName("then the user details in the console show expired once the link has expired")
    void consoleShowsExpired() {
        String id = (String) invite("shows.expired@example.org", "\"lifespan\":1").get("userId");
        assertEquals(List.of("pending"), user(id).getAttributes().get("accountLifecycle.activation.status"));

        clock.set(PAST_A_ONE_SECOND_LINK);
        Await.until("the scheduled scan marks the invitation expired", Duration.ofSeconds(15),
                () -> List.of("expired").equals(user(id).getAttributes().get("accountLifecycle.activation.status")));
        Map<String, Object> list = api.get("invitations?status=expired", token()).json();
        assertTrue(((List<?>) list.get("items")).stream().anyMatch(i -> id.equals(((Map<?, ?>) i).get("userId"))));
    }

    @Test
    @DisplayName("then, where the realm does not allow self-service resend, an expired link says to ask the administrator")
    void expiredLinkAskAdministrator() {
        realm.updateWithCleanup(r -> r.attribute("accountLifecycle.activation.selfServiceResend", "false"));
        String id = (String) invite("expired.admin@example.org", "\"lifespan\":1").get("userId");
        String link = Mails.nth(mail, "expired.admin@example.org", 1).link();
        clock.set(PAST_A_ONE_SECOND_LINK);

        Browser.Page page = new Browser().get(URI.create(link));

        assertTrue(page.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.activation.expired")), page.html());
        assertFalse(page.html().contains("al-resend-form"));
        AdminApi.Reply resent = api.post("invitations/" + id + "/resend", null, token());
        assertEquals(200, resent.status(), resent.toString());
        // what the person gets from the administrator: a new mail whose link opens the activation form
        Browser.Page fresh = new Browser().get(URI.create(Mails.nth(mail, "expired.admin@example.org", 2).link()));
        assertTrue(fresh.html().contains("kc-activate-account-form"), resent + "\n" + fresh.html());
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
        // Keycloak picks the message; the bundle words each one a bad link can get
        Properties keycloakNl = ThemeMessages.keycloakLogin("nl");
        List<String> badLinkKeys = List.of("invalidRequestMessage", "invalidCodeMessage", "expiredActionMessage");
        assertTrue(badLinkKeys.stream().anyMatch(k -> nlPage.text().contains(ThemeMessages.rendered(nl, k))), nlPage.html());
        assertTrue(badLinkKeys.stream().noneMatch(k -> nlPage.text().contains(ThemeMessages.rendered(keycloakNl, k))),
                "the bundle's words, not Keycloak's bare message:\n" + nlPage.html());
        assertSignInLink(nlPage);

        // the page's language switcher leads to the same page in English
        Matcher english = Pattern.compile("value=\"([^\"]*kc_locale=en)\"").matcher(nlPage.html());
        assertTrue(english.find(), nlPage.html());
        Browser.Page enPage = browser.get(nlPage.uri().resolve(english.group(1).replace("&amp;", "&")));
        Properties en = ThemeMessages.login("en");
        assertTrue(enPage.text().contains(ThemeMessages.rendered(en, "accountLifecycle.badLink.help")), enPage.html());
        assertTrue(enPage.text().contains(ThemeMessages.rendered(en, "accountLifecycle.link.signIn")), enPage.html());
    }
}
