package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.Tokens;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given a lifecycle policy that uses the bundle's workflow steps")
class WorkflowStepsTest extends LifecyclePoliciesBase {

    @Test
    @DisplayName("send-activation-invitation: an expired invitation gets a new link with the step's lifespan, once")
    void sendActivationInvitation() {
        String serverUrl = serverUrlAsFrontendUrl();
        String json = "{\"email\":\"again.invited@example.org\",\"firstName\":\"Ina\",\"lastName\":\"Opnieuw\",\"lifespan\":1}";
        AdminApi.Reply invited = api.post("invitations", json, token());
        assertEquals(201, invited.status(), invited.toString());
        Mails.Mail first = Mails.nth(mail, "again.invited@example.org", 1);

        String yaml = "name: test re-invite\nenabled: true\nschedule:\n  after: 2s\n  batch-size: 100\n"
                + "if: activation-status(expired) AND user-enabled(true)\n"
                + "steps:\n  - uses: send-activation-invitation\n    with:\n      lifespan: 2d\n";
        AdminApi.Reply created = api.postKeycloak("workflows", yaml, "application/yaml", token());
        assertEquals(201, created.status(), created.toString());
        workflows.add(created.header("Location").substring(created.header("Location").lastIndexOf('/') + 1));

        Mails.Mail second = Mails.nth(mail, "again.invited@example.org", 2);
        assertTrue(second.link().startsWith(serverUrl + "/realms/" + DemoRealm.NAME + "/login-actions/action-token?"), second.link());
        assertFalse(linkId(first.link()).equals(linkId(second.link())), "a new link");
        String userId = (String) invited.json().get("userId");
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) api.get("users/" + userId, token()).json().get("activation");
        assertEquals("pending", status.get("status"), status.toString());
        assertEquals(java.time.Duration.ofDays(2), java.time.Duration.between(java.time.Instant.parse((String) status.get("sentAt")),
                java.time.Instant.parse((String) status.get("expiresAt"))), "the step's lifespan: " + status);
        assertEquals(2, Mails.to(mail, "again.invited@example.org").size(), "pending again, so not invited a third time");
    }

    /**
     * Disabling alone already empties the user's session list in the contract-end test, so end-all-sessions is
     * shown on an enabled user: a policy that only ends sessions, with the realm's frontend URL as link base.
     */
    @Test
    @DisplayName("end-all-sessions: online and offline sessions of a still enabled user end, and their tokens stop working")
    void endAllSessions() {
        serverUrlAsFrontendUrl();
        LocalDate longAgo = LocalDate.now(ZoneId.of("Europe/Amsterdam")).minusDays(200);
        String user = activeUser("sessions.end", Users.attributes("contractEnd", longAgo.toString()));
        Tokens tokens = new Tokens(realm.getBaseUrl());
        Map<String, Object> online = tokens.login("sessions.end@example.org", PASSWORD, "openid");
        Map<String, Object> offline = tokens.login("sessions.end@example.org", PASSWORD, "openid offline_access");
        assertFalse(realm.admin().users().get(user).getUserSessions().isEmpty());

        String yaml = "name: test end-all-sessions\nenabled: true\nschedule:\n  after: 2s\n  batch-size: 100\n"
                + "if: user-attribute-date(contractEnd before -100d) AND user-enabled(true)\n"
                + "steps:\n  - uses: end-all-sessions\n";
        AdminApi.Reply created = api.postKeycloak("workflows", yaml, "application/yaml", token());
        assertEquals(201, created.status(), created.toString());
        workflows.add(created.header("Location").substring(created.header("Location").lastIndexOf('/') + 1));

        await(() -> realm.admin().users().get(user).getUserSessions().isEmpty(), "the online sessions end");
        assertEquals(400, tokens.refresh(online).statusCode(), "the refresh token is refused");
        assertEquals(400, tokens.refresh(offline).statusCode(), "the offline token is refused");
        assertTrue(enabled(user), "ending sessions does not disable");
    }
}
