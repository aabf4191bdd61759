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
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/** Issue #10, item 5: an admin with only {@code query-users} sees no more through the bundle than through Keycloak. */
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given a demo admin who has only query-users")
class QueryUsersPermissionTest {

    static final String PASSWORD = "Kijker2026abc";
    static final String UNKNOWN_ID = "00000000-0000-0000-0000-000000000000";

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

    private String adminToken() {
        return admin.tokenManager().getAccessTokenString();
    }

    /** A token of an admin with only these roles; the demo realm signs in with the email, which is the username. */
    private String tokenWith(String name, String... roles) {
        String login = name + "@example.org";
        if (realm.admin().users().searchByUsername(login, true).isEmpty()) {
            login = Users.withAdminRoles(realm.admin(), name, PASSWORD, roles);
        }
        return api.passwordGrant(DemoRealm.NAME, login, PASSWORD);
    }

    private String invite(String email) {
        AdminApi.Reply reply = api.post("invitations", "{\"email\":\"" + email + "\",\"firstName\":\"Quinten\",\"lastName\":\"Query\"}",
                adminToken());
        assertEquals(201, reply.status(), reply.toString());
        return (String) reply.json().get("userId");
    }

    @Test
    @DisplayName("then one user's details are refused by the bundle as by Keycloak, and an unknown id answers the same")
    void userDetailsNeedView() {
        String id = invite("q.details@query-test.example");
        String query = tokenWith("q.only1", "query-users");

        assertEquals(403, api.getKeycloak("users/" + id, query).status(), "Keycloak's own rule");
        AdminApi.Reply known = api.get("users/" + id, query);
        AdminApi.Reply unknown = api.get("users/" + UNKNOWN_ID, query);
        assertEquals(403, known.status(), known.toString());
        assertEquals(known.toString(), unknown.toString(), "403 for an unknown id too: the answer tells nothing");
        assertFalse(known.body().contains("q.details"), known.body());

        String viewer = tokenWith("q.viewer1", "view-users");
        assertEquals(200, api.get("users/" + id, viewer).status());
        assertEquals(404, api.get("users/" + UNKNOWN_ID, viewer).status(), "who may view every user learns what exists");
    }

    @Test
    @DisplayName("then the invitation list and the search hold only users they may view, and the stats and the password-expiry list are refused")
    void listsShowOnlyViewableUsers() {
        invite("q.listed@query-test.example");
        String query = tokenWith("q.only2", "query-users");

        assertEquals(200, api.getKeycloak("users?search=query-test", query).status());
        assertEquals("[]", api.getKeycloak("users?search=query-test", query).body(), "Keycloak lists none of them");

        AdminApi.Reply list = api.get("invitations", query);
        assertEquals(200, list.status(), list.toString());
        assertFalse(list.body().contains("q.listed@"), list.body());
        assertEquals(0L, ((Number) list.json().get("total")).longValue(), list.toString());
        assertEquals(Map.of("pending", 0, "expired", 0, "activated", 0), list.json().get("counts"));

        AdminApi.Reply search = api.get("users?email=query-test", query);
        assertEquals(200, search.status(), search.toString());
        assertEquals("[]", search.body());

        assertEquals(403, api.get("stats", query).status());
        assertEquals(403, api.get("password-expiry?withinDays=14", query).status(), "names and password dates of many users");

        String viewer = tokenWith("q.viewer2", "view-users");
        assertTrue(api.get("invitations", viewer).body().contains("q.listed@query-test.example"));
        assertTrue(api.get("users?email=query-test", viewer).body().contains("q.listed@query-test.example"));
        assertEquals(200, api.get("stats", viewer).status());
        assertEquals(200, api.get("password-expiry?withinDays=14", viewer).status());
    }

    @Test
    @DisplayName("then resend and email change answer an unknown id exactly as a known user they may not manage")
    void writesCheckPermissionBeforeReading() {
        String id = invite("q.write@query-test.example");
        for (String caller : List.of(tokenWith("q.only3", "query-users"), tokenWith("q.viewer3", "view-users"))) {
            for (String path : List.of("invitations/%s/resend", "users/%s/email-change")) {
                String body = path.contains("email") ? "{\"email\":\"q.other@query-test.example\",\"mode\":\"immediate\"}" : "{}";
                AdminApi.Reply known = api.post(path.formatted(id), body, caller);
                AdminApi.Reply unknown = api.post(path.formatted(UNKNOWN_ID), body, caller);
                assertEquals(403, known.status(), path + " " + known);
                assertEquals(known.toString(), unknown.toString(), path);
            }
            AdminApi.Reply cancelKnown = api.delete("users/" + id + "/email-change", caller);
            assertEquals(403, cancelKnown.status());
            assertEquals(cancelKnown.toString(), api.delete("users/" + UNKNOWN_ID + "/email-change", caller).toString());
        }
        assertEquals("q.write@query-test.example", realm.admin().users().get(id).toRepresentation().getEmail());
        assertEquals(404, api.post("invitations/" + UNKNOWN_ID + "/resend", "{}", adminToken()).status());
    }

    @Test
    @DisplayName("then the helpdesk search shows at most 20 users and offers no further pages")
    void searchIsCapped() {
        for (int i = 0; i < 23; i++) {
            Users.create(realm.admin(), Users.person("cap.user" + i, "cap.user" + i + "@cap-search.example", "Cap", "Zoeker"));
        }
        AdminApi.Reply all = api.get("users?email=cap-search.example", adminToken());
        assertEquals(200, all.status(), all.toString());
        assertEquals(20, all.body().split("\"id\"").length - 1, all.body());

        AdminApi.Reply paged = api.get("users?email=cap-search.example&first=20", adminToken());
        assertEquals(400, paged.status(), paged.toString());
        assertEquals("first", paged.json().get("field"));
        assertEquals(400, api.get("users?email=cap-search.example&max=21", adminToken()).status());
    }
}
