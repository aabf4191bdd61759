package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Await;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Users;
import nl.accountlifecycle.targetsim.TargetSimulator;
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
import org.keycloak.testframework.realm.ManagedRealm;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the realm has a SCIM 2.0 target (the loopback target simulator)")
class ScimTargetTest {

    static final String PASSWORD = "Scim2026abcd";
    static final ObjectMapper JSON = new ObjectMapper();
    static TargetSimulator sim;

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    AdminApi api;

    @BeforeAll
    static void startSimulator() throws Exception {
        sim = TargetSimulator.start(0);
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void setUp() {
        api = AdminApi.forRealm(realm);
        sim.reset();
    }

    @AfterEach
    void removeTargets() throws Exception {
        for (Object t : JSON.readValue(api.get("targets", token()).body(), List.class)) {
            api.delete("targets/" + ((Map<?, ?>) t).get("id"), token());
        }
    }

    String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    String scimTarget(String name, String extraJson) {
        AdminApi.Reply created = api.post("targets", "{\"name\": \"" + name + "\", \"kind\": \"scim\", \"url\": \"" + sim.scimBaseUrl()
                + "\", \"secret\": \"" + TargetSimulator.DEFAULT_SCIM_TOKEN + "\"" + (extraJson.contains("maxAttempts") ? "" : ", \"maxAttempts\": 20")
                + extraJson + "}", token());
        assertEquals(201, created.status(), created.toString());
        assertFalse(created.body().contains(TargetSimulator.DEFAULT_SCIM_TOKEN), "the token is never returned");
        return (String) created.json().get("id");
    }

    /** The simulator's resource whose externalId is this Keycloak user's id, or null. */
    static Map<String, Object> inTarget(String userId) {
        return sim.users().stream().filter(u -> userId.equals(u.get("externalId"))).findFirst().orElse(null);
    }

    static long copies(String userId) {
        return sim.users().stream().filter(u -> userId.equals(u.get("externalId"))).count();
    }

    static Object family(Map<String, Object> user) {
        return user == null ? null : ((Map<?, ?>) user.get("name")).get("familyName");
    }

    Map<String, Object> status(String target) {
        return api.get("targets/" + target + "/status", token()).json();
    }

    @Test
    @DisplayName("then the target follows create, rename, email change, disable, enable and delete, with one resource throughout")
    void convergence() {
        scimTarget("hr", "");
        UserRepresentation rep = Users.person("scim.conv", "scim.conv@example.org", "Jan", "Berg");
        rep.setAttributes(Users.attributes("infix", "van den", "jobTitle", "Inkoper", "phone", "+31 20 555 0101"));
        String id = Users.createActive(realm.admin(), rep, PASSWORD, List.of());
        Await.until("created", () -> inTarget(id) != null);
        Map<String, Object> created = inTarget(id);
        assertEquals("scim.conv@example.org", created.get("userName"));
        assertEquals("van den Berg", family(created));
        assertEquals("Jan van den Berg", created.get("displayName"));
        assertEquals("Inkoper", created.get("title"));
        assertEquals(true, created.get("active"));
        assertEquals("scim.conv@example.org", ((Map<?, ?>) ((List<?>) created.get("emails")).get(0)).get("value"));

        rep = realm.admin().users().get(id).toRepresentation();
        rep.setLastName("Bergh");
        realm.admin().users().get(id).update(rep);
        Await.until("renamed", () -> "van den Bergh".equals(family(inTarget(id))));
        AdminApi.Reply moved = api.post("users/" + id + "/email-change", "{\"email\": \"scim.moved@example.org\", \"mode\": \"immediate\"}", token());
        assertEquals(200, moved.status(), moved.toString());
        Await.until("email changed", () -> String.valueOf(inTarget(id).get("emails")).contains("scim.moved@example.org"));
        rep = realm.admin().users().get(id).toRepresentation();
        rep.setEnabled(false);
        realm.admin().users().get(id).update(rep);
        Await.until("disabled", () -> Boolean.FALSE.equals(inTarget(id).get("active")));
        rep.setEnabled(true);
        realm.admin().users().get(id).update(rep);
        Await.until("enabled", () -> Boolean.TRUE.equals(inTarget(id).get("active")));
        realm.admin().users().get(id).remove();
        Await.until("deactivated when deleted", () -> Boolean.FALSE.equals(inTarget(id).get("active")));
        assertEquals(1, copies(id), "one resource throughout");
    }

    @Test
    @DisplayName("then with deleteMode delete and OAuth2 client credentials, a deleted user is deleted in the target")
    void clientCredentialsAndDelete() {
        scimTarget("crm", ", \"auth\": \"client_credentials\", \"tokenUrl\": \"" + sim.tokenUrl() + "\", \"clientId\": \""
                + TargetSimulator.DEFAULT_CLIENT_ID + "\", \"deleteMode\": \"delete\"");
        // the secret of this target is the client secret, not the simulator's static token
        String target = targetId("crm");
        assertEquals(200, api.put("targets/" + target, "{\"secret\": \"" + TargetSimulator.DEFAULT_CLIENT_SECRET + "\"}", token()).status());
        String id = Users.createActive(realm.admin(), Users.person("scim.cc", "scim.cc@example.org", "Cor", "Client"), PASSWORD, List.of());
        Await.until("created with a client-credentials token", () -> inTarget(id) != null);
        realm.admin().users().get(id).remove();
        Await.until("deleted in the target", () -> inTarget(id) == null);
        assertEquals(0, ((Number) status(target).get("dead")).intValue());
        Map<String, Object> view = api.get("targets/" + target, token()).json();
        assertEquals("client_credentials", view.get("auth"));
        assertEquals("delete", view.get("deleteMode"));
    }

    @Test
    @DisplayName("then 429 with Retry-After, an HTML 502 and a closed port during 200 changes delay but lose nothing, and no user is created twice")
    void faultsLoseNothing() throws Exception {
        // attempts enough for the whole time the port is closed, also on a slow machine (backoff caps at 1 s in tests)
        String target = scimTarget("erp", ", \"maxAttempts\": 100");
        sim.rateLimitNext(2, 1);
        sim.htmlBadGatewayNext(2);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(Users.createActive(realm.admin(), Users.person("scim.fault" + i, "scim.fault" + i + "@example.org", "Fee", "Fout" + i),
                    PASSWORD, List.of()));
        }
        Await.until("all three created despite the faults", () -> ids.stream().allMatch(id -> inTarget(id) != null));

        sim.setPortClosed(true);
        List<String> whileDown = new ArrayList<>();
        try {
            for (String id : ids) {
                UserRepresentation rep = realm.admin().users().get(id).toRepresentation();
                rep.setFirstName("Fenna");
                realm.admin().users().get(id).update(rep);
            }
            // 200 changes in all while the target is down: these renames and 197 new users
            for (int i = 0; i < 197; i++) {
                whileDown.add(Users.createActive(realm.admin(), Users.person("scim.down" + i, "scim.down" + i + "@example.org", "Dora",
                        "Down" + i), PASSWORD, List.of()));
            }
            Await.until("the changes wait, failed", () -> ((Number) status(target).get("failed")).intValue() > 0);
        } finally {
            sim.setPortClosed(false);
        }
        Await.until("renamed after the target is back", () -> ids.stream().allMatch(id -> "Fenna".equals(((Map<?, ?>) inTarget(id).get("name")).get("givenName"))));
        Await.until("all 197 created after the target is back", java.time.Duration.ofSeconds(90),
                () -> whileDown.stream().allMatch(id -> inTarget(id) != null));
        ids.addAll(whileDown);
        for (String id : ids) {
            assertEquals(1, copies(id), "one resource per user");
        }
        assertEquals(0, ((Number) status(target).get("dead")).intValue());
    }

    @Test
    @DisplayName("then a userName taken by another resource in the target is a dead letter, and that resource is not taken over")
    void duplicateUserNameIsNotTakenOver() throws Exception {
        HttpResponse<String> existing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.scimBaseUrl() + "/Users"))
                .header("Authorization", "Bearer " + TargetSimulator.DEFAULT_SCIM_TOKEN).header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                        + " \"userName\": \"scim.taken@example.org\", \"externalId\": \"someone-else\", \"active\": true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, existing.statusCode(), existing.body());
        String target = scimTarget("dup", "");
        String id = Users.createActive(realm.admin(), Users.person("scim.taken", "scim.taken@example.org", "Tom", "Taken"), PASSWORD, List.of());
        Await.until("a dead letter", () -> ((Number) status(target).get("dead")).intValue() == 1);
        Map<?, ?> letter = (Map<?, ?>) ((List<?>) api.get("targets/" + target + "/dead-letters", token()).json().get("items")).get(0);
        assertEquals(id, letter.get("userId"));
        assertEquals(1, ((Number) letter.get("attempts")).intValue(), "dead at once: a retry would meet the same");
        assertTrue(String.valueOf(letter.get("reason")).contains("409"), String.valueOf(letter.get("reason")));
        assertNull(inTarget(id));
        assertEquals("someone-else", sim.users().stream().filter(u -> "scim.taken@example.org".equals(u.get("userName")))
                .findFirst().orElseThrow().get("externalId"), "the other resource is untouched");
    }

    @Test
    @DisplayName("when a SCIM target's settings are wrong, then 400 naming the field, and nothing is stored")
    void validation() {
        String base = "{\"name\": \"bad\", \"kind\": \"scim\", \"url\": \"" + sim.scimBaseUrl() + "\"";
        assertField("secret", api.post("targets", base + "}", token()));
        assertField("auth", api.post("targets", base + ", \"secret\": \"t\", \"auth\": \"basic\"}", token()));
        assertField("clientId", api.post("targets", base + ", \"secret\": \"t\", \"auth\": \"client_credentials\", \"tokenUrl\": \""
                + sim.tokenUrl() + "\"}", token()));
        assertField("tokenUrl", api.post("targets", base + ", \"secret\": \"t\", \"auth\": \"client_credentials\", \"clientId\": \"c\","
                + " \"tokenUrl\": \"https://example.org/token\"}", token()));
        assertField("deleteMode", api.post("targets", base + ", \"secret\": \"t\", \"deleteMode\": \"purge\"}", token()));
        assertEquals("[]", api.get("targets", token()).body().replaceAll("\\s", ""), "nothing stored");
    }

    static void assertField(String field, AdminApi.Reply reply) {
        assertEquals(400, reply.status(), reply.toString());
        assertEquals(field, reply.json().get("field"), reply.toString());
    }

    String targetId(String name) {
        try {
            for (Object t : JSON.readValue(api.get("targets", token()).body(), List.class)) {
                if (name.equals(((Map<?, ?>) t).get("name"))) {
                    return (String) ((Map<?, ?>) t).get("id");
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no target " + name);
    }
}
