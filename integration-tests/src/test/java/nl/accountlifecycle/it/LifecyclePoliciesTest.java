package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.Tokens;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.AfterEach;
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
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * The lifecycle policies shipped in {@code realm-config/workflows/}, loaded as an admin would (POST the YAML to
 * Keycloak's workflows API), switched on, and run by Keycloak's Workflows engine on the server's moved clock.
 */
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the shipped lifecycle policies switched on")
class LifecyclePoliciesTest {

    static final String PASSWORD = "Herfst2026abc";
    static final int DAY = 86400;
    static final String HELPDESK = "helpdesk.policies@example.org";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    @InjectTimeOffSet
    TimeOffSet clock;

    AdminApi api;
    final List<String> workflows = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = AdminApi.forRealm(realm);
    }

    @AfterEach
    void removePolicies() {
        clock.set(0);
        for (String id : workflows) {
            api.deleteKeycloak("workflows/" + id, token());
        }
        workflows.clear();
    }

    private String token() {
        return admin.tokenManager().grantToken().getToken();
    }

    /** The shipped file, switched on, with the daily or hourly scan every 2 s and the helpdesk address of the test. */
    private String enable(String file) {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/realm-config/workflows/" + file)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("shipped policy missing: " + file, e);
        }
        assertTrue(yaml.contains("enabled: false"), file + " ships switched off");
        yaml = yaml.replace("enabled: false", "enabled: true")
                .replaceAll("(?m)^(schedule:\\n  after: )\\S+", "$12s")
                .replace("helpdesk@example.org", HELPDESK);
        AdminApi.Reply reply = api.postKeycloak("workflows", yaml, "application/yaml", token());
        assertEquals(201, reply.status(), file + ": " + reply);
        String location = reply.header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        workflows.add(id);
        return id;
    }

    /** Whether Keycloak has the user enrolled in a workflow (a step scheduled for them). */
    private boolean enrolled(String userId) {
        AdminApi.Reply reply = api.getKeycloak("workflows/scheduled/" + userId, token());
        assertEquals(200, reply.status(), reply.toString());
        return !reply.body().strip().equals("[]");
    }

    private boolean enabled(String userId) {
        return realm.admin().users().get(userId).toRepresentation().isEnabled();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + 40_000;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within 40 s: " + what);
    }

    private String invite(String email) {
        String json = "{\"email\":\"" + email + "\",\"firstName\":\"Ina\",\"lastName\":\"Genodigd\",\"groups\":[\"users\"]}";
        AdminApi.Reply reply = api.post("invitations", json, token());
        assertEquals(201, reply.status(), reply.toString());
        return (String) reply.json().get("userId");
    }

    private String activeUser(String username, Map<String, List<String>> attributes) {
        UserRepresentation person = Users.person(username, username + "@example.org", "Piet", "Beleid");
        person.setAttributes(attributes);
        return Users.createActive(realm.admin(), person, PASSWORD, List.of("/users"));
    }

    @Test
    @DisplayName("never-activated: 30 days after it finds an invitation never accepted, the user is disabled and the helpdesk told")
    void neverActivated() {
        String pending = invite("never.accepted@example.org");
        String active = activeUser("policy.active", Map.of());
        enable("never-activated.yaml");

        await(() -> enrolled(pending), "the pending invitation is enrolled by the scheduled scan");
        assertFalse(enrolled(active), "a user without an invitation does not match activation-status(pending,expired)");

        clock.set(29 * DAY);
        assertTrue(enabled(pending), "not before 30 days");
        clock.set(31 * DAY);
        await(() -> !enabled(pending), "disabled after 30 days");
        Mails.Mail notice = Mails.nth(mail, HELPDESK, 1);
        assertTrue(notice.text().contains("never.accepted@example.org") && notice.text().contains(pending), notice.text());
        assertTrue(enabled(active), "the active user is untouched");
    }

    @Test
    @DisplayName("contract-end: on the contractEnd date the user is disabled with every session ended; 7 days before, the helpdesk hears of it")
    void contractEnd() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
        String leaving = activeUser("contract.ends", Users.attributes("contractEnd", today.minusDays(1).toString()));
        String soon = activeUser("contract.soon", Users.attributes("contractEnd", today.plusDays(7).toString()));
        String later = activeUser("contract.later", Users.attributes("contractEnd", today.plusDays(30).toString()));
        Tokens tokens = new Tokens(realm.getBaseUrl());
        Map<String, Object> session = tokens.login("contract.ends@example.org", PASSWORD, "openid offline_access");
        assertEquals(200, tokens.refresh(session).statusCode(), "the session works before");

        enable("contract-end.yaml");
        enable("contract-end-warning.yaml");

        await(() -> !enabled(leaving), "the user past contractEnd is disabled");
        await(() -> realm.admin().users().get(leaving).getUserSessions().isEmpty(), "no online session left");
        assertEquals(400, tokens.refresh(session).statusCode(), "the offline token is refused");
        Mails.Mail warning = Mails.nth(mail, HELPDESK, 1);
        assertTrue(warning.text().contains("contract.soon@example.org"), warning.text());
        assertTrue(enabled(soon), "warned, not disabled");
        assertTrue(enabled(later), "30 days ahead: no warning, no disabling");
        assertEquals(1, Mails.to(mail, HELPDESK).size(), "one warning: " + Mails.to(mail, HELPDESK));
    }

    @Test
    @DisplayName("send-activation-invitation: an expired invitation gets a new link with the step's lifespan, once")
    void sendActivationInvitation() {
        var rep = realm.admin().toRepresentation();
        String serverUrl = realm.getBaseUrl().substring(0, realm.getBaseUrl().indexOf("/realms/"));
        rep.getAttributes().put("frontendUrl", serverUrl);
        realm.admin().update(rep);
        try {
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
        } finally {
            rep.getAttributes().remove("frontendUrl");
            realm.admin().update(rep);
        }
    }

    /**
     * Disabling alone already empties the user's session list in the contract-end test, so end-all-sessions is
     * shown on an enabled user: a policy that only ends sessions, with the realm's frontend URL as link base.
     */
    @Test
    @DisplayName("end-all-sessions: online and offline sessions of a still enabled user end, and their tokens stop working")
    void endAllSessions() {
        var rep = realm.admin().toRepresentation();
        String serverUrl = realm.getBaseUrl().substring(0, realm.getBaseUrl().indexOf("/realms/"));
        rep.getAttributes().put("frontendUrl", serverUrl);
        realm.admin().update(rep);
        try {
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
        } finally {
            rep.getAttributes().remove("frontendUrl");
            realm.admin().update(rep);
        }
    }

    @Test
    @DisplayName("activation-reminder: 24 h before a pending link expires, the same link is mailed again, once")
    void activationReminder() {
        var rep = realm.admin().toRepresentation();
        String serverUrl = realm.getBaseUrl().substring(0, realm.getBaseUrl().indexOf("/realms/"));
        rep.getAttributes().put("frontendUrl", serverUrl);
        realm.admin().update(rep);
        try {
            String pending = invite("remind.link@example.org");
            Mails.Mail invitation = Mails.nth(mail, "remind.link@example.org", 1);
            enable("activation-reminder.yaml");

            clock.set(2 * DAY + 3600); // 23 h left of the 3-day link
            Mails.Mail reminder = Mails.nth(mail, "remind.link@example.org", 2);
            assertTrue(reminder.text().contains("24"), "the reminder says why: " + reminder.text());
            assertTrue(reminder.link().startsWith(serverUrl + "/realms/" + DemoRealm.NAME + "/login-actions/action-token?"), reminder.link());
            assertEquals(linkId(invitation.link()), linkId(reminder.link()), "the same link, not a new one");
            assertEquals(pending, realm.admin().users().search("remind.link@example.org", true).get(0).getId());
        } finally {
            rep.getAttributes().remove("frontendUrl");
            realm.admin().update(rep);
        }
    }

    /** The link id inside an activation link's token. */
    private static Object linkId(String link) {
        String key = link.substring(link.indexOf("key=") + 4).split("&")[0];
        return Tokens.claims(key).get("lid");
    }

    /** When the user's first pending step is due, as Keycloak reports it (epoch millis). */
    private long firstStepDue(String userId) {
        AdminApi.Reply reply = api.getKeycloak("workflows/scheduled/" + userId, token());
        assertEquals(200, reply.status(), reply.toString());
        try {
            List<Map<String, Object>> scheduled = org.keycloak.util.JsonSerialization.readValue(reply.body(),
                    new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, Object>>>() { });
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> steps = (List<Map<String, Object>>) scheduled.get(0).get("steps");
            return steps.stream().filter(step -> step.get("scheduled-at") != null)
                    .mapToLong(step -> ((Number) step.get("scheduled-at")).longValue()).min().orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(reply.body(), e);
        }
    }

    /**
     * Keycloak 26.7 stores a step's due time on the wall clock but compares it with its own (test-movable) clock,
     * so moving the clock past 90 days makes every user's warning due, restarted or not. What a login does is
     * therefore asserted where Keycloak shows it: the user's warning is scheduled anew, later than before.
     */
    @Test
    @DisplayName("inactive: no login for 90 days warns the user and 14 days later disables them; a login starts the 90 days again")
    void inactive() {
        String idle = activeUser("idle.user", Map.of());
        String back = activeUser("back.user", Map.of());
        enable("inactive.yaml");
        await(() -> enrolled(idle) && enrolled(back), "both enrolled by the scan");

        long dueBefore = firstStepDue(back);
        long idleDue = firstStepDue(idle);
        new Tokens(realm.getBaseUrl()).login("back.user@example.org", PASSWORD, "openid");
        await(() -> firstStepDue(back) > dueBefore, "the login restarts the 90 days for that user");
        assertEquals(idleDue, firstStepDue(idle), "the other user's warning stays where it was");

        clock.set(91 * DAY);
        Mails.Mail warning = Mails.nth(mail, "idle.user@example.org", 1);
        assertFalse(warning.subject().isBlank(), "Keycloak's notify-user mail");
        assertTrue(enabled(idle), "warned, not yet disabled");

        clock.set(106 * DAY);
        await(() -> !enabled(idle), "the idle user is disabled 14 days after the warning");
    }
}
