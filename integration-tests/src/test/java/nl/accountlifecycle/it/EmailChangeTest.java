package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import nl.accountlifecycle.it.support.Tokens;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given a user whose email address changes")
class EmailChangeTest extends EmailChangeBase {

    @Test
    @DisplayName("by self-service: the old address still works until the user confirms, then gets a notice, and the session keeps going with the new email")
    void selfService() {
        String id = active("self.change", "self.old@example.org");
        Map<String, Object> session = tokens.login("self.old@example.org", PASSWORD, "openid email");
        // admin-cli issues lightweight access tokens; the ID token carries the user's claims
        assertEquals("self.old@example.org", Tokens.claims((String) session.get("id_token")).get("email"));

        Browser browser = new Browser();
        Browser.Page loginPage = browser.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/",
                Map.of("kc_action", "UPDATE_EMAIL"));
        Browser.Page form = browser.submit(loginPage, Map.of("username", "self.old@example.org", "password", PASSWORD));
        assertTrue(form.html().contains("name=\"email\""), form.html());
        assertEquals("nl", form.lang(), "Keycloak's update-email page in the bundle's theme, in Dutch");
        assertTrue(form.html().contains("account-lifecycle"), "the bundle's theme resources");
        Browser.Page sent = browser.submit(form, Map.of("email", "self.new@example.org"));
        assertEquals(200, sent.status(), sent.html());

        // pending: nothing changed yet, and the old address still logs in
        assertEquals("self.old@example.org", user(id).getEmail());
        assertNotNull(tokens.login("self.old@example.org", PASSWORD, "openid").get("access_token"));
        assertEquals(0, Mails.to(mail, "self.old@example.org").size(), "no notice before confirmation");

        Mails.Mail confirm = Mails.nth(mail, "self.new@example.org", 1);
        browser.get(java.net.URI.create(confirm.link()));

        assertEquals("self.new@example.org", user(id).getEmail());
        assertNoticeAt("self.old@example.org", "self.new@example.org");
        assertEquals(1, Mails.to(mail, "self.new@example.org").size(), "the new address gets only the confirmation");

        var refreshed = tokens.refresh(session);
        assertEquals(200, refreshed.statusCode(), "the session is kept: " + refreshed.body());
        Map<String, Object> claims = Tokens.claims((String) Tokens.json(refreshed.body()).get("id_token"));
        assertEquals("self.new@example.org", claims.get("email"));
        assertFalse(updateEmailEvents(id).isEmpty(), "Keycloak's UPDATE_EMAIL event, which the Odoo sync follows");
    }

    @Test
    @DisplayName("by an admin with confirmation: a newer request or a cancel retires the old link; the latest link sets the address, tells the old one and ends the sessions")
    void adminConfirm() {
        String id = active("adm.change", "adm.old@example.org");
        Map<String, Object> session = tokens.login("adm.old@example.org", PASSWORD, "openid");

        AdminApi.Reply first = change(id, "adm.new@example.org", "confirm");
        assertEquals(202, first.status(), first.toString());
        Map<?, ?> status = (Map<?, ?>) api.get("users/" + id, token()).json().get("emailChange");
        assertEquals("adm.new@example.org", status.get("pendingEmail"));
        assertNotNull(status.get("expiresAt"));
        assertEquals("adm.old@example.org", user(id).getEmail(), "nothing changes before the user confirms");
        String firstLink = Mails.nth(mail, "adm.new@example.org", 1).link();
        Mails.Mail confirmMail = Mails.nth(mail, "adm.new@example.org", 1);
        assertEquals(msg(email, "accountLifecycle.emailChange.confirm.subject", "Demo"), confirmMail.subject());

        assertEquals(202, change(id, "adm.newer@example.org", "confirm").status());
        Browser.Page replaced = new Browser().get(java.net.URI.create(firstLink));
        assertTrue(replaced.text().contains(ThemeMessages.rendered(login, "accountLifecycle.emailChange.replaced")), replaced.html());
        assertEquals("adm.old@example.org", user(id).getEmail());

        String secondLink = Mails.nth(mail, "adm.newer@example.org", 1).link();
        assertEquals(204, api.delete("users/" + id + "/email-change", token()).status());
        assertNull(api.get("users/" + id, token()).json().get("emailChange"), "cancelled");
        assertEquals(404, api.delete("users/" + id + "/email-change", token()).status(), "nothing left to cancel");
        Browser.Page cancelled = new Browser().get(java.net.URI.create(secondLink));
        assertTrue(cancelled.text().contains(ThemeMessages.rendered(login, "accountLifecycle.emailChange.replaced")), cancelled.html());
        assertEquals("adm.old@example.org", user(id).getEmail());
        assertEquals(200, tokens.refresh(session).statusCode(), "a request alone ends no session");

        assertEquals(202, change(id, "adm.final@example.org", "confirm").status());
        String finalLink = Mails.nth(mail, "adm.final@example.org", 1).link();
        String tampered = finalLink.substring(0, finalLink.length() - 3) + (finalLink.endsWith("AAA") ? "BBB" : "AAA");
        Browser.Page refused = new Browser().get(java.net.URI.create(tampered));
        assertEquals(400, refused.status(), refused.html());
        assertEquals("nl", refused.lang(), "Keycloak's error page, in the bundle's theme and the realm's language");
        assertEquals("adm.old@example.org", user(id).getEmail(), "a tampered link changes nothing");
        Browser.Page done = new Browser().get(java.net.URI.create(finalLink));
        assertTrue(done.text().contains(msg(login, "accountLifecycle.emailChange.confirmedLoggedOut", "adm.final@example.org")), done.html());

        UserRepresentation after = user(id);
        assertEquals("adm.final@example.org", after.getEmail());
        assertTrue(after.isEmailVerified());
        assertNull(api.get("users/" + id, token()).json().get("emailChange"));
        Mails.Mail notice = assertNoticeAt("adm.old@example.org", "adm.final@example.org");
        assertTrue(notice.text().contains(ThemeMessages.rendered(email, "accountLifecycle.emailChanged.sessionsEnded")), notice.text());
        assertEquals(1, Mails.to(mail, "adm.final@example.org").size(), "no notice at the new address");
        assertEquals(400, tokens.refresh(session).statusCode(), "sessions ended on confirmation");
        assertTrue(updateEmailEvents(id).stream().anyMatch(e -> "adm.old@example.org".equals(e.getDetails().get("previous_email"))));

        Browser.Page reused = new Browser().get(java.net.URI.create(finalLink));
        assertFalse(reused.text().contains(msg(login, "accountLifecycle.emailChange.confirmedLoggedOut", "adm.final@example.org")), "the link works once");
        assertTrue(reused.text().contains(msg(login, "accountLifecycle.emailChange.alreadyConfirmed", "adm.final@example.org")),
                "a used link says it was used and which address is now the user's:\n" + reused.html());
        assertFalse(reused.text().contains(ThemeMessages.rendered(login, "accountLifecycle.emailChange.replaced")),
                "never 'not changed' after it changed");
        assertEquals("adm.final@example.org", user(id).getEmail());
        assertEquals(1, Mails.to(mail, "adm.old@example.org").size(), "one notice only");
    }
}
