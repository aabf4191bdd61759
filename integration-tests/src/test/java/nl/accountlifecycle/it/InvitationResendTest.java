package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the invitation API, when an admin resends an invitation")
class InvitationResendTest extends InvitationApiBase {

    @Test
    @DisplayName("resending to an activated user is refused with already_activated, and sends nothing")
    void resendToActivatedRefused() {
        String id = (String) api.post("invitations", body("\"activated.one@example.org\"", null), token()).json().get("userId");
        Browser browser = new Browser();
        Browser.Page form = browser.get(URI.create(Mails.nth(mail, "activated.one@example.org", 1).link()));
        browser.submit(form, Map.of("password-new", PASSWORD, "password-confirm", PASSWORD));
        assertEquals(List.of("activated"),
                realm.admin().users().get(id).toRepresentation().getAttributes().get("accountLifecycle.activation.status"));

        AdminApi.Reply reply = api.post("invitations/" + id + "/resend", "{}", token());

        assertEquals(409, reply.status(), reply.toString());
        assertEquals("already_activated", reply.json().get("error"));
        assertEquals(1, Mails.to(mail, "activated.one@example.org").size(), "no new link for an activated account");
    }

    @Test
    @DisplayName("resending to a disabled or unknown user is refused clearly")
    void resendRefusals() {
        assertEquals(404, api.post("invitations/no-such-id/resend", "{}", token()).status());
        AdminApi.Reply invited = api.post("invitations", body("\"resend.me@example.org\"", null), token());
        String invitedId = (String) invited.json().get("userId");
        var rep = realm.admin().users().get(invitedId).toRepresentation();
        rep.setEnabled(false);
        realm.admin().users().get(invitedId).update(rep);

        AdminApi.Reply disabled = api.post("invitations/" + invitedId + "/resend", "{}", token());

        assertEquals(409, disabled.status(), disabled.toString());
        assertEquals("user_disabled", disabled.json().get("error"));
    }

    @Test
    @DisplayName("resending to a user who has a password and was never invited gets 409 naming status, and sends nothing")
    void resendOnlyToInvitedUsers() {
        String id = Users.createActive(realm.admin(), Users.person("never.invited", "never.invited@example.org", "Nooit", "Uitgenodigd"),
                PASSWORD, List.of());

        AdminApi.Reply reply = api.post("invitations/" + id + "/resend", "{}", token());

        assertEquals(409, reply.status(), reply.toString());
        assertEquals("status", reply.json().get("field"));
        assertEquals("not_invited", reply.json().get("error"));
        var attributes = realm.admin().users().get(id).toRepresentation().getAttributes();
        assertTrue(attributes == null || !attributes.containsKey("accountLifecycle.activation.linkId"), "no link issued");
        assertEquals(0, Mails.to(mail, "never.invited@example.org").size());
    }

    @Test
    @DisplayName("30 resends in a row send one mail: the rest get 429 with Retry-After, and the realm can set the interval")
    void resendThrottled() {
        String id = (String) api.post("invitations", body("\"throttle@example.org\"", null), token()).json().get("userId");
        Mails.nth(mail, "throttle@example.org", 1);

        assertEquals(200, api.post("invitations/" + id + "/resend", "{}", token()).status());
        for (int i = 0; i < 29; i++) {
            AdminApi.Reply again = api.post("invitations/" + id + "/resend", "{}", token());
            assertEquals(429, again.status(), again.toString());
            assertEquals("resend_too_soon", again.json().get("error"));
            int retryAfter = Integer.parseInt(again.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        }
        Mails.nth(mail, "throttle@example.org", 2);
        assertEquals(2, Mails.to(mail, "throttle@example.org").size(), "the invitation and one resend");

        realm.updateWithCleanup(r -> r.attribute("accountLifecycle.activation.adminResendIntervalSeconds", "0"));
        String other = (String) api.post("invitations", body("\"unthrottled@example.org\"", null), token()).json().get("userId");
        assertEquals(200, api.post("invitations/" + other + "/resend", "{}", token()).status());
        assertEquals(200, api.post("invitations/" + other + "/resend", "{}", token()).status(), "0 turns the limit off");
    }
}
