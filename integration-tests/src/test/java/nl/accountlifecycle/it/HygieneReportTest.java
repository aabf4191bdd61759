package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Await;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.TestOdoo;
import nl.accountlifecycle.it.support.Users;
import nl.accountlifecycle.odoosim.OdooSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
 * Issue #15, item 5: the hygiene report lists each kind of finding for the users it concerns, in JSON and CSV, in
 * pages that fit together, and its two repairs do what the row promises. What the server stored is read back
 * through Keycloak's admin API and the Odoo simulator.
 */
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the hygiene report of a realm")
class HygieneReportTest {

    static final String PASSWORD = "Hygiene2026ab";
    static final int HUNDRED_DAYS = 100 * 86_400;
    static OdooSimulator odoo;

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    @InjectTimeOffSet
    TimeOffSet clock;

    AdminApi api;

    @BeforeAll
    static void startOdoo() throws Exception {
        odoo = TestOdoo.start();
    }

    @AfterAll
    static void stopOdoo() {
        odoo.close();
    }

    @BeforeEach
    void setUp() {
        api = AdminApi.forRealm(realm);
    }

    @AfterEach
    void reset() throws Exception {
        clock.set(0);
        api.put("odoo/config", "{\"enabled\": false}", token());
        odoo.setDown(false);
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    /** The JSON rows of the whole report (one large page) for one user. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> rowsOf(String userId, String query) {
        AdminApi.Reply reply = api.get("reports/hygiene?max=1000" + query, token());
        assertEquals(200, reply.status(), reply.toString());
        assertEquals(false, reply.json().get("more"), "the realm fits in one page");
        return ((List<Map<String, Object>>) reply.json().get("rows")).stream()
                .filter(r -> userId.equals(r.get("userId"))).toList();
    }

    private List<Object> kindsOf(String userId) {
        return rowsOf(userId, "").stream().map(r -> r.get("kind")).toList();
    }

    private AdminApi.Reply repair(String userId, String action) {
        return api.post("reports/hygiene/repair", "{\"userId\":\"" + userId + "\",\"action\":\"" + action + "\"}", token());
    }

    private String invite(String email) {
        AdminApi.Reply reply = api.post("invitations", "{\"email\":\"" + email + "\",\"firstName\":\"Hyg\",\"lastName\":\"Test\"}", token());
        assertEquals(201, reply.status(), reply.toString());
        return (String) reply.json().get("userId");
    }

    private String active(String name) {
        return Users.createActive(realm.admin(), Users.person(name + "@hygiene.example", name + "@hygiene.example", "Hyg", "Test"),
                PASSWORD, List.of());
    }

    @Test
    @DisplayName("when an invitation is not activated, then its row offers disable, which disables the user and drops the row")
    void invitationNotActivated() {
        String id = invite("hyg.invited@hygiene.example");
        List<Map<String, Object>> rows = rowsOf(id, "");
        assertEquals(1, rows.size(), rows.toString());
        Map<String, Object> row = rows.get(0);
        assertEquals("invitation_not_activated", row.get("kind"));
        assertEquals("hyg.invited@hygiene.example", row.get("email"));
        assertTrue(String.valueOf(row.get("detail")).startsWith("invitation not activated yet"), row.toString());
        assertEquals(Map.of("action", "disable", "method", "POST",
                "url", "/admin/realms/" + DemoRealm.NAME + "/account-lifecycle/reports/hygiene/repair",
                "body", Map.of("userId", id, "action", "disable")), row.get("repair"));

        AdminApi.Reply repaired = repair(id, "disable");
        assertEquals(200, repaired.status(), repaired.toString());
        assertFalse(realm.admin().users().get(id).toRepresentation().isEnabled(), "disabled in Keycloak");
        assertEquals(List.of(), kindsOf(id), "a disabled account is no finding");
    }

    @Test
    @DisplayName("when 100 days pass after a login, then the password is expired and the user inactive since that login")
    void expiredAndInactive() {
        String old = active("hyg.old");
        api.passwordGrant(DemoRealm.NAME, "hyg.old@hygiene.example", PASSWORD);
        clock.set(HUNDRED_DAYS);
        String fresh = active("hyg.fresh");
        api.passwordGrant(DemoRealm.NAME, "hyg.fresh@hygiene.example", PASSWORD);

        List<Map<String, Object>> rows = rowsOf(old, "");
        assertEquals(List.of("password_expired", "inactive"), rows.stream().map(r -> r.get("kind")).toList());
        assertTrue(String.valueOf(rows.get(1).get("detail")).matches("no login for 100 days; last login on \\d{4}-\\d\\d-\\d\\d"),
                rows.get(1).toString());
        assertEquals(List.of(), kindsOf(fresh), "logged in today with a new password");
        assertEquals(List.of("password_expired"), rowsOf(old, "&inactiveDays=101").stream().map(r -> r.get("kind")).toList(),
                "inactiveDays moves the line");
    }

    @Test
    @DisplayName("when the disable repair runs for a signed-in user, then the user is disabled and the session ended")
    void disableEndsSessions() {
        String id = active("hyg.session");
        api.passwordGrant(DemoRealm.NAME, "hyg.session@hygiene.example", PASSWORD);
        assertEquals(1, realm.admin().users().get(id).getUserSessions().size());
        AdminApi.Reply repaired = repair(id, "disable");
        assertEquals(200, repaired.status(), repaired.toString());
        assertEquals(1, ((Number) repaired.json().get("sessionsEnded")).intValue(), repaired.toString());
        assertFalse(realm.admin().users().get(id).toRepresentation().isEnabled());
        Await.until("the session ended", () -> realm.admin().users().get(id).getUserSessions().isEmpty());
    }

    @Test
    @DisplayName("when Odoo gave up on two users, then one is drift, the other disabled but active there, and resync repairs both")
    void odooTargets() throws Exception {
        AdminApi.Reply saved = api.put("odoo/config", "{\"enabled\": true, \"url\": \"" + odoo.baseUrl() + "\", \"database\": \"odoo\","
                + " \"login\": \"admin\", \"apiKey\": \"sim-api-key\", \"transport\": \"json2\", \"oauthProviderId\": "
                + OdooSimulator.OAUTH_PROVIDER_ID + ", \"maxAttempts\": 1}", token());
        assertEquals(200, saved.status(), saved.toString());
        odoo.setDown(true);
        String drift = active("hyg.drift");
        String leaver = active("hyg.leaver");
        UserRepresentation rep = realm.admin().users().get(leaver).toRepresentation();
        rep.setEnabled(false);
        realm.admin().users().get(leaver).update(rep);
        Await.until("both dead-lettered", () -> kindsOf(drift).equals(List.of("target_drift"))
                && kindsOf(leaver).equals(List.of("disabled_active_in_target")));
        assertTrue(String.valueOf(rowsOf(drift, "").get(0).get("detail")).contains("gave up after 1 attempts"));
        assertEquals("resync", ((Map<?, ?>) rowsOf(leaver, "").get(0).get("repair")).get("action"));

        odoo.setDown(false);
        assertEquals(202, repair(drift, "resync").status());
        assertEquals(202, repair(leaver, "resync").status());
        Await.until("both delivered", () -> odoo.findUserByOauthUid(drift) != null && odoo.findUserByOauthUid(leaver) != null);
        assertEquals(true, odoo.findUserByOauthUid(drift).get("active"));
        assertEquals(false, odoo.findUserByOauthUid(leaver).get("active"), "archived in Odoo, as in Keycloak");
        Await.until("the rows are gone", () -> kindsOf(drift).isEmpty() && kindsOf(leaver).isEmpty());
    }

    @Test
    @DisplayName("when read as CSV or in pages, then the rows are the JSON rows, a header first, and pages fit together")
    @SuppressWarnings("unchecked")
    void csvAndPaging() {
        String a = invite("hyg.page.a@hygiene.example");
        String b = invite("hyg.page.b@hygiene.example");
        List<Map<String, Object>> all = (List<Map<String, Object>>) api.get("reports/hygiene?max=1000", token()).json().get("rows");
        assertTrue(all.size() >= 2);
        Map<String, Object> first = api.get("reports/hygiene?first=0&max=1", token()).json();
        Map<String, Object> second = api.get("reports/hygiene?first=1&max=1", token()).json();
        assertEquals(true, first.get("more"));
        assertEquals(all.subList(0, 2), List.of(((List<?>) first.get("rows")).get(0), ((List<?>) second.get("rows")).get(0)));

        AdminApi.Reply csv = api.getAccepting("reports/hygiene", "text/csv", token());
        assertEquals(200, csv.status(), csv.toString());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv.header("Content-Type"));
        String[] lines = csv.body().split("\r\n");
        assertEquals("kind,userId,username,email,detail,repairAction,repairMethod,repairUrl", lines[0]);
        assertEquals(all.size() + 1, lines.length, csv.body());
        for (String id : List.of(a, b)) {
            assertTrue(csv.body().contains("invitation_not_activated," + id + ","), csv.body());
        }
        assertEquals(csv.body(), api.get("reports/hygiene?format=csv", token()).body(), "format=csv is the same report");
        String paged = api.get("reports/hygiene?format=csv&first=1&max=1", token()).body();
        assertEquals(lines[0] + "\r\n" + lines[2] + "\r\n", paged);
    }

    @Test
    @DisplayName("when the caller lacks view-users, or a parameter is wrong, then 403, or 400 naming the parameter")
    void permissionsAndBadInput() {
        String none = api.passwordGrant(DemoRealm.NAME, Users.withAdminRoles(realm.admin(), "hyg.none", PASSWORD), PASSWORD);
        String viewer = api.passwordGrant(DemoRealm.NAME, Users.withAdminRoles(realm.admin(), "hyg.viewer", PASSWORD, "view-users"), PASSWORD);
        assertEquals(403, api.get("reports/hygiene", none).status());
        assertEquals(403, api.get("reports/hygiene?format=csv", none).status());
        assertEquals(200, api.get("reports/hygiene", viewer).status());
        String target = active("hyg.target");
        assertEquals(403, api.post("reports/hygiene/repair", "{\"userId\":\"" + target + "\",\"action\":\"disable\"}", viewer).status());
        assertTrue(realm.admin().users().get(target).toRepresentation().isEnabled(), "nothing changed");

        for (Map.Entry<String, String> bad : Map.of("inactiveDays=abc", "inactiveDays", "inactiveDays=0", "inactiveDays",
                "max=0", "max", "max=1001", "max", "first=-1", "first", "format=xml", "format").entrySet()) {
            AdminApi.Reply reply = api.get("reports/hygiene?" + bad.getKey(), token());
            assertEquals(400, reply.status(), bad.getKey() + ": " + reply);
            assertEquals(bad.getValue(), reply.json().get("field"), reply.toString());
        }
        assertEquals("action", repair(target, "delete").json().get("field"));
        assertEquals("userId", api.post("reports/hygiene/repair", "{\"action\":\"disable\"}", token()).json().get("field"));
        assertEquals(404, repair("no-such-user", "disable").status());
        assertEquals(409, repair(target, "resync").status(), "the Odoo sync is off");
    }
}
