package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Users;
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
@DisplayName("Given the helpdesk's search and the account counts")
class StatsAndSearchTest {

    static final String PASSWORD = "Teller2026abc";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    AdminApi api;

    @BeforeEach
    void setUp() {
        api = AdminApi.forRealm(realm);
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    private Map<String, Object> stats() {
        AdminApi.Reply reply = api.get("stats", token());
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private static int delta(Map<String, Object> after, Map<String, Object> before, String key) {
        return ((Number) after.get(key)).intValue() - ((Number) before.get(key)).intValue();
    }

    @Test
    @DisplayName("then an activated, an invited and a disabled user move the counts they should")
    void countsFollowTheUsers() {
        Map<String, Object> before = stats();

        Users.createActive(realm.admin(), Users.person("count.active", "count.active@example.org", "Cor", "Actief"), PASSWORD, List.of());
        assertEquals(201, api.post("invitations", "{\"email\":\"count.pending@example.org\",\"firstName\":\"Pim\",\"lastName\":\"Wacht\"}", token()).status());
        String leaving = Users.createActive(realm.admin(), Users.person("count.off", "count.off@example.org", "Dirk", "Uit"), PASSWORD, List.of());
        UserRepresentation rep = realm.admin().users().get(leaving).toRepresentation();
        rep.setEnabled(false);
        realm.admin().users().get(leaving).update(rep);

        Map<String, Object> after = stats();
        assertEquals(1, delta(after, before, "active"), after.toString());
        assertEquals(1, delta(after, before, "disabled"), after.toString());
        assertEquals(1, delta(after, before, "invitationsPending"), after.toString());
        assertEquals(0, delta(after, before, "invitationsExpired"), after.toString());
    }

    @Test
    @DisplayName("then a search of 6 or more characters finds users by email with minimal fields; fewer gets 400")
    void helpdeskSearch() {
        Users.createActive(realm.admin(), Users.person("zoek.mij", "zoek.mij@helpdesk-test.example", "Zoë", "Vindbaar"), PASSWORD, List.of());

        AdminApi.Reply found = api.get("users?email=helpdesk-test", token());
        assertEquals(200, found.status(), found.toString());
        assertTrue(found.body().startsWith("["), found.body());
        assertTrue(found.body().contains("zoek.mij@helpdesk-test.example"), found.body());
        assertTrue(found.body().contains("\"activationStatus\""), found.body());
        assertFalse(found.body().contains("attributes"), "minimal fields only: " + found.body());
        assertFalse(found.body().contains("username"), "minimal fields only: " + found.body());

        AdminApi.Reply tooShort = api.get("users?email=zoek", token());
        assertEquals(400, tooShort.status(), tooShort.toString());
        assertEquals("email", tooShort.json().get("field"));
        assertEquals(400, api.get("users", token()).status());
    }

    @Test
    @DisplayName("then the search needs query-users and the stats view-users")
    void permissions() {
        Users.createActive(realm.admin(), Users.person("no.rights", "no.rights@example.org", "Nel", "Niks"), PASSWORD, List.of("/users"));
        String plain = api.passwordGrant(DemoRealm.NAME, "no.rights@example.org", PASSWORD);
        String helpdesk = api.passwordGrant(DemoRealm.NAME, "demo-admin", "Demo-Admin-2026");

        assertEquals(401, api.get("stats", null).status());
        assertEquals(401, api.get("users?email=example.org", null).status());
        assertEquals(403, api.get("stats", plain).status());
        assertEquals(403, api.get("users?email=example.org", plain).status());
        assertEquals(200, api.get("stats", helpdesk).status());
        assertEquals(200, api.get("users?email=example.org", helpdesk).status());
    }
}
