package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the helpdesk changes a user's email address")
class EmailChangeHelpdeskTest extends EmailChangeBase {

    @Test
    @DisplayName("by the helpdesk at once: the address changes, the old one is told, and every session and offline token ends")
    void helpdeskImmediate() {
        String id = active("desk.change", "desk.old@example.org");
        Map<String, Object> online = tokens.login("desk.old@example.org", PASSWORD, "openid");
        Map<String, Object> offline = tokens.login("desk.old@example.org", PASSWORD, "openid offline_access");

        AdminApi.Reply reply = change(id, "  Desk.New@Example.org ", "immediate");
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(((Number) reply.json().get("sessionsEnded")).intValue() >= 2, reply.toString());

        UserRepresentation after = user(id);
        assertEquals("desk.new@example.org", after.getEmail(), "trimmed, as in activation");
        assertTrue(after.isEmailVerified());
        assertEquals(400, tokens.refresh(online).statusCode());
        assertEquals(400, tokens.refresh(offline).statusCode());
        Mails.Mail notice = assertNoticeAt("desk.old@example.org", "desk.new@example.org");
        assertTrue(notice.text().contains(ThemeMessages.rendered(email, "accountLifecycle.emailChanged.sessionsEnded")));
        assertEquals(0, Mails.to(mail, "desk.new@example.org").size(), "nothing to confirm at the new address");
        assertNotNull(tokens.login("desk.new@example.org", PASSWORD, "openid").get("access_token"), "logs in with the new address");
        assertTrue(updateEmailEvents(id).stream().anyMatch(e -> "helpdesk".equals(e.getDetails().get("account_lifecycle_changed_by"))));
    }

    @Test
    @DisplayName("in the admin console form: the same effects as the helpdesk's change, found through the remembered address")
    void consoleEdit() {
        String id = active("console.change", "console.old@example.org");
        Map<String, Object> online = tokens.login("console.old@example.org", PASSWORD, "openid");

        UserRepresentation rep = user(id);
        rep.setFirstName("Eveline");
        realm.admin().users().get(id).update(rep);
        assertEquals(200, tokens.refresh(online).statusCode(), "saving other fields ends nothing");
        assertEquals(0, Mails.to(mail, "console.old@example.org").size());

        rep = user(id);
        rep.setEmail("console.new@example.org");
        realm.admin().users().get(id).update(rep);

        assertNoticeAt("console.old@example.org", "console.new@example.org");
        assertEquals(400, tokens.refresh(online).statusCode(), "sessions ended");
        assertTrue(updateEmailEvents(id).stream().anyMatch(e -> "admin_console".equals(e.getDetails().get("account_lifecycle_changed_by"))));
    }

    @Test
    @DisplayName("in the admin console form with consoleMode=confirm: the address stays, the new one is pending and read-only, and the link to it applies the change")
    void consoleEditWithConfirmation() {
        realm.updateWithCleanup(r -> r.attribute("accountLifecycle.emailChange.consoleMode", "confirm"));
        String id = active("console.confirm", "console.confirm.old@example.org");
        Map<String, Object> online = tokens.login("console.confirm.old@example.org", PASSWORD, "openid");

        UserRepresentation rep = user(id);
        rep.setEmail("console.confirm.new@example.org");
        realm.admin().users().get(id).update(rep);

        UserRepresentation kept = user(id);
        assertEquals("console.confirm.old@example.org", kept.getEmail(), "the address stays until the user confirms");
        assertEquals("console.confirm.old@example.org", kept.getUsername(), "and so does the username");
        assertEquals(List.of("console.confirm.new@example.org"), kept.getAttributes().get("accountLifecycle.emailChange.pendingEmail"),
                "the pending address is shown on the user");
        assertEquals(200, tokens.refresh(online).statusCode(), "a request alone ends no session");
        assertEquals(0, Mails.to(mail, "console.confirm.old@example.org").size(), "nothing told yet");

        Mails.Mail confirm = Mails.nth(mail, "console.confirm.new@example.org", 1);
        Browser.Page done = new Browser().get(java.net.URI.create(confirm.link()));
        assertTrue(done.text().contains(msg(login, "accountLifecycle.emailChange.confirmedLoggedOut", "console.confirm.new@example.org")),
                done.html());
        assertEquals("console.confirm.new@example.org", user(id).getEmail());
        assertEquals("console.confirm.new@example.org", user(id).getUsername(), "with email as username, the username follows");
        assertNoticeAt("console.confirm.old@example.org", "console.confirm.new@example.org");
    }
}
