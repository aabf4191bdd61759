package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Await;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Users;
import nl.accountlifecycle.it.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
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
@DisplayName("Given the realm has a webhook target (a loopback receiver that checks signatures with the standardwebhooks library)")
class WebhookTargetTest {

    static final String PASSWORD = "Hook2026abcd";
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    AdminApi api;
    final List<WebhookReceiver> receivers = new ArrayList<>();
    private final Map<WebhookReceiver, String> secrets = new java.util.HashMap<>();

    @BeforeEach
    void setUp() {
        api = AdminApi.forRealm(realm);
    }

    @AfterEach
    void removeTargets() throws Exception {
        for (Object t : JSON.readValue(api.get("targets", token()).body(), List.class)) {
            api.delete("targets/" + ((Map<?, ?>) t).get("id"), token());
        }
        receivers.forEach(WebhookReceiver::close);
    }

    String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    /** Creates a target for a new receiver with the secret the server makes; returns the receiver. */
    WebhookReceiver target(String name, int maxAttempts) throws Exception {
        AdminApi.Reply created = api.post("targets", "{\"name\": \"" + name + "\", \"kind\": \"webhook\", \"url\": \"http://127.0.0.1:1/hook\","
                + " \"maxAttempts\": " + maxAttempts + ", \"enabled\": false}", token());
        assertEquals(201, created.status(), created.toString());
        String secret = (String) created.json().get("secret");
        assertTrue(secret.startsWith("whsec_"), created.toString());
        WebhookReceiver receiver = WebhookReceiver.start(secret);
        receivers.add(receiver);
        secrets.put(receiver, secret);
        String id = (String) created.json().get("id");
        AdminApi.Reply enabled = api.put("targets/" + id, "{\"url\": \"" + receiver.url() + "\", \"enabled\": true}", token());
        assertEquals(200, enabled.status(), enabled.toString());
        assertFalse(enabled.body().contains(secret), "the secret is shown once, at creation");
        assertFalse(api.get("targets/" + id, token()).body().contains(secret), "GET never shows the secret");
        return receiver;
    }

    String targetId(String name) throws Exception {
        for (Object t : JSON.readValue(api.get("targets", token()).body(), List.class)) {
            if (name.equals(((Map<?, ?>) t).get("name"))) {
                return (String) ((Map<?, ?>) t).get("id");
            }
        }
        throw new AssertionError("no target " + name);
    }

    /** The messages about one user, in the order they arrived and were accepted. */
    static List<Map<String, Object>> about(WebhookReceiver receiver, String userId) {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (WebhookReceiver.Delivery d : receiver.accepted()) {
            Map<String, Object> body = parse(d.body());
            Map<?, ?> user = (Map<?, ?>) ((Map<?, ?>) body.get("data")).get("user");
            if (userId.equals(user.get("id"))) {
                messages.add(body);
            }
        }
        return messages;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static Map<?, ?> user(Map<String, Object> message) {
        return (Map<?, ?>) ((Map<?, ?>) message.get("data")).get("user");
    }

    @Test
    @DisplayName("then the receiver follows create, rename, disable, enable and delete, each message signed and in order")
    void convergence() throws Exception {
        WebhookReceiver receiver = target("crm", 10);
        UserRepresentation rep = Users.person("hook.conv", "hook.conv@example.org", "Jan", "Berg");
        rep.setAttributes(Users.attributes("infix", "van den", "jobTitle", "Inkoper"));
        String id = Users.createActive(realm.admin(), rep, PASSWORD, List.of("/users"));
        Await.until("created", () -> about(receiver, id).size() >= 1);
        Map<String, Object> created = about(receiver, id).get(0);
        assertEquals("user.created", created.get("type"));
        assertEquals(1, created.get("schemaVersion"));
        assertEquals(DemoRealm.NAME, ((Map<?, ?>) created.get("data")).get("realm"));
        assertEquals("hook.conv@example.org", user(created).get("email"));
        assertEquals("van den", user(created).get("infix"));
        assertEquals("Inkoper", user(created).get("jobTitle"));
        assertEquals(true, user(created).get("enabled"));

        rep = realm.admin().users().get(id).toRepresentation();
        rep.setLastName("Bergh");
        realm.admin().users().get(id).update(rep);
        Await.until("renamed", () -> about(receiver, id).stream().anyMatch(m -> "Bergh".equals(user(m).get("lastName"))));
        rep.setEnabled(false);
        realm.admin().users().get(id).update(rep);
        Await.until("disabled", () -> Boolean.FALSE.equals(user(last(about(receiver, id))).get("enabled")));
        rep.setEnabled(true);
        realm.admin().users().get(id).update(rep);
        Await.until("enabled", () -> Boolean.TRUE.equals(user(last(about(receiver, id))).get("enabled")));
        realm.admin().users().get(id).remove();
        Await.until("deleted", () -> "user.deleted".equals(last(about(receiver, id)).get("type")));
        assertEquals(true, user(last(about(receiver, id))).get("deleted"));

        assertTrue(receiver.deliveries().stream().allMatch(WebhookReceiver.Delivery::verified), "every signature verifies");
        List<String> types = about(receiver, id).stream().map(m -> (String) m.get("type")).toList();
        assertEquals(List.of("user.created", "user.updated", "user.updated", "user.updated", "user.deleted"), types);
        Map<String, Object> status = api.get("targets/" + targetId("crm") + "/status", token()).json();
        assertEquals(0, ((Number) status.get("pending")).intValue(), status.toString());
        assertNotNull(status.get("lastSuccess"), status.toString());
    }

    static Map<String, Object> last(List<Map<String, Object>> messages) {
        return messages.isEmpty() ? Map.of("type", "", "data", Map.of("user", Map.of())) : messages.get(messages.size() - 1);
    }

    @Test
    @DisplayName("then a receiver that answers 500, and one that is down during 200 changes, lose nothing: the same webhook-id comes again, and no change arrives twice")
    void failuresLoseNothing() throws Exception {
        // attempts enough for the whole time the receiver is down, also on a slow machine (backoff caps at 1 s in tests)
        WebhookReceiver receiver = target("erp", 100);
        receiver.failNext(3, 500);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Users.createActive(realm.admin(), Users.person("hook.fail" + i, "hook.fail" + i + "@example.org", "Piet", "Jansen"),
                    PASSWORD, List.of()));
        }
        receiver.awaitAccepted(5, Duration.ofSeconds(30));
        List<String> refused = receiver.deliveries().stream().filter(d -> d.answered() == 500).map(WebhookReceiver.Delivery::id).toList();
        assertEquals(3, refused.size());
        assertTrue(receiver.acceptedIds().containsAll(refused), "each refused message came again with its webhook-id");

        String targetId = targetId("erp");
        receiver.stop();
        for (String id : ids) {
            UserRepresentation rep = realm.admin().users().get(id).toRepresentation();
            rep.setFirstName("Pieter");
            realm.admin().users().get(id).update(rep);
        }
        // 200 changes in all while the receiver is down: these renames and 195 new users
        List<String> whileDown = new ArrayList<>();
        for (int i = 0; i < 195; i++) {
            whileDown.add(Users.createActive(realm.admin(), Users.person("hook.down" + i, "hook.down" + i + "@example.org", "Dirk",
                    "Down" + i), PASSWORD, List.of()));
        }
        Await.until("the changes wait, failed", () -> ((Number) api.get("targets/" + targetId + "/status", token()).json().get("failed")).intValue() > 0);
        WebhookReceiver back = WebhookReceiver.start(secretOf(receiver), receiver.port());
        receivers.add(back);
        back.awaitAccepted(200, Duration.ofSeconds(90));
        for (String id : ids) {
            assertEquals("Pieter", user(last(about(back, id))).get("firstName"));
        }
        for (String id : whileDown) {
            assertEquals(1, about(back, id).size(), "each new user's creation once: " + id);
        }
        List<String> all = new ArrayList<>(receiver.acceptedIds());
        all.addAll(back.acceptedIds());
        assertEquals(all.size(), new HashSet<>(all).size(), "no message accepted twice");
        assertEquals(205, all.size(), "5 creates, then 5 renames and 195 creates while down");
    }

    String secretOf(WebhookReceiver receiver) {
        return secrets.get(receiver);
    }

    @Test
    @DisplayName("then a message the receiver keeps refusing becomes a dead letter with the status as reason, and retry delivers it")
    void deadLetterAndRetry() throws Exception {
        WebhookReceiver receiver = target("dead", 2);
        String targetId = targetId("dead");
        receiver.failNext(2, 502);
        String id = Users.createActive(realm.admin(), Users.person("hook.dead", "hook.dead@example.org", "Kees", "Dood"), PASSWORD, List.of());
        Await.until("a dead letter", () -> ((Number) api.get("targets/" + targetId + "/status", token()).json().get("dead")).intValue() == 1);
        Map<?, ?> letter = (Map<?, ?>) ((List<?>) api.get("targets/" + targetId + "/dead-letters", token()).json().get("items")).get(0);
        assertEquals(id, letter.get("userId"));
        assertEquals("created", letter.get("change"));
        assertEquals(2, ((Number) letter.get("attempts")).intValue());
        assertEquals("the receiver answered HTTP 502", letter.get("reason"), "the status, never the receiver's body");

        AdminApi.Reply retried = api.post("targets/" + targetId + "/retry", null, token());
        assertEquals(200, retried.status(), retried.toString());
        assertEquals(1, ((Number) retried.json().get("retried")).intValue());
        receiver.awaitAccepted(1, Duration.ofSeconds(20));
        assertEquals(letter.get("id"), receiver.acceptedIds().get(0), "the dead letter's id is the webhook-id");
        Await.until("no dead letter left", () -> ((Number) api.get("targets/" + targetId + "/status", token()).json().get("dead")).intValue() == 0);

        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:9000/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        for (String meter : List.of("account_lifecycle_target_deliveries_total", "account_lifecycle_target_failures_total",
                "account_lifecycle_target_dead_letters_total", "account_lifecycle_target_queue_depth")) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith(meter + "{") && l.contains("target=\"" + targetId + "\"")
                    && l.contains("kind=\"webhook\"")), meter + " of this target on /metrics");
        }
    }

    @Test
    @DisplayName("then a re-sync sends every user of the realm to that target once, and says when it is done")
    void resyncSendsEveryUserOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            Users.createActive(realm.admin(), Users.person("hook.resync" + i, "hook.resync" + i + "@example.org", "Ria", "Sync"), PASSWORD, List.of());
        }
        WebhookReceiver receiver = target("again", 10);
        String targetId = targetId("again");
        java.util.Set<String> users = new java.util.TreeSet<>();
        realm.admin().users().list(0, 10_000).forEach(u -> users.add(u.getId()));

        AdminApi.Reply started = api.post("targets/" + targetId + "/resync", null, token());
        assertEquals(202, started.status(), started.toString());
        assertEquals("running", started.json().get("status"));
        Await.until("the re-sync queued every user", () -> "done".equals(api.get("targets/" + targetId + "/resync", token()).json().get("status")));
        assertEquals(users.size(), ((Number) api.get("targets/" + targetId + "/resync", token()).json().get("done")).intValue());
        receiver.awaitAccepted(users.size(), Duration.ofSeconds(30));
        List<String> resynced = receiver.accepted().stream().map(d -> parse(d.body()))
                .filter(m -> "resync".equals(((Map<?, ?>) m.get("data")).get("change")))
                .map(m -> (String) user(m).get("id")).sorted().toList();
        assertEquals(List.copyOf(users), resynced, "each user of the realm once");

        assertEquals(200, api.put("targets/" + targetId, "{\"enabled\": false}", token()).status());
        AdminApi.Reply disabled = api.post("targets/" + targetId + "/resync", null, token());
        assertEquals(409, disabled.status(), disabled.toString());
        assertEquals("target_disabled", disabled.json().get("error"));
    }

    @Test
    @DisplayName("then a secret from the vault signs the messages, and the target says so without showing it")
    void vaultSecret() throws Exception {
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        java.nio.file.Files.writeString(BundleServer.VAULT_DIR.resolve(realm.getName() + "_hook-secret"), secret);
        WebhookReceiver receiver = WebhookReceiver.start(secret);
        receivers.add(receiver);
        AdminApi.Reply created = api.post("targets", "{\"name\": \"vaulted\", \"kind\": \"webhook\", \"url\": \"" + receiver.url()
                + "\", \"secret\": \"${vault.hook-secret}\"}", token());
        assertEquals(201, created.status(), created.toString());
        assertEquals("vault", created.json().get("secretSource"));
        assertFalse(created.json().containsKey("secret"), "a secret the admin gave is not echoed");
        Users.createActive(realm.admin(), Users.person("hook.vault", "hook.vault@example.org", "Els", "Kluis"), PASSWORD, List.of());
        assertTrue(receiver.awaitAccepted(1, Duration.ofSeconds(20)).get(0).verified());
    }

    @Test
    @DisplayName("when the settings are wrong or the caller may not, then 400 naming the field, 409, 404 or 403, and nothing is stored")
    void validationAndPermissions() throws Exception {
        String target = "{\"name\": \"v\", \"kind\": \"webhook\", \"url\": \"%s\"%s}";
        assertRefused("url", api.post("targets", target.formatted("ftp://127.0.0.1/hook", ""), token()));
        assertRefused("url", api.post("targets", target.formatted("http://example.org/hook", ""), token()));
        AdminApi.Reply notListed = api.post("targets", target.formatted("https://example.org/hook", ""), token());
        assertRefused("url", notListed);
        assertTrue(notListed.body().contains("targets-allowed-hosts"), notListed.toString());
        assertRefused("kind", api.post("targets", "{\"name\": \"v\", \"kind\": \"ldap\", \"url\": \"https://127.0.0.1/x\"}", token()));
        assertRefused("name", api.post("targets", "{\"name\": \"a b\", \"kind\": \"webhook\", \"url\": \"https://127.0.0.1/x\"}", token()));
        assertRefused("maxAttempts", api.post("targets", target.formatted("https://127.0.0.1/x", ", \"maxAttempts\": 0"), token()));
        AdminApi.Reply badSecret = api.post("targets", target.formatted("https://127.0.0.1/x", ", \"secret\": \"hunter2-not-a-key\""), token());
        assertRefused("secret", badSecret);
        assertFalse(badSecret.body().contains("hunter2"), "the given secret is not echoed");
        assertEquals("[]", api.get("targets", token()).body().replaceAll("\\s", ""), "nothing stored");

        assertEquals(201, api.post("targets", target.formatted("https://127.0.0.1/x", ""), token()).status());
        assertEquals(409, api.post("targets", target.formatted("https://127.0.0.1/y", ""), token()).status());
        assertEquals(404, api.get("targets/no-such-target", token()).status());
        assertEquals(404, api.get("targets/no-such-target/status", token()).status());

        String viewer = api.passwordGrant(DemoRealm.NAME, Users.withAdminRoles(realm.admin(), "hook.viewer", PASSWORD, "view-users"), PASSWORD);
        assertEquals(403, api.get("targets", viewer).status());
        assertEquals(403, api.post("targets", target.formatted("https://127.0.0.1/z", ""), viewer).status());
        assertEquals(200, api.get("targets/" + targetId("v") + "/status", viewer).status());
        assertEquals(403, api.post("targets/" + targetId("v") + "/retry", null, viewer).status());
        String realmViewer = api.passwordGrant(DemoRealm.NAME, Users.withAdminRoles(realm.admin(), "hook.realmviewer", PASSWORD, "view-realm"), PASSWORD);
        assertEquals(200, api.get("targets", realmViewer).status());
        assertEquals(403, api.delete("targets/" + targetId("v"), realmViewer).status());

        // a target of another realm is not found through this realm's path, and stays as it is
        String other = "al-hooks-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        org.keycloak.representations.idm.RealmRepresentation rep = new org.keycloak.representations.idm.RealmRepresentation();
        rep.setRealm(other);
        rep.setEnabled(true);
        admin.realms().create(rep);
        try {
            String base = realm.getBaseUrl();
            AdminApi otherApi = new AdminApi(base.substring(0, base.indexOf("/realms/")), other);
            AdminApi.Reply theirs = otherApi.post("targets", target.formatted("https://127.0.0.1/theirs", ""), token());
            assertEquals(201, theirs.status(), theirs.toString());
            String theirId = (String) theirs.json().get("id");
            assertEquals(404, api.get("targets/" + theirId, token()).status());
            assertEquals(404, api.put("targets/" + theirId, "{\"enabled\": false}", token()).status());
            assertEquals(404, api.delete("targets/" + theirId, token()).status());
            assertEquals(404, api.post("targets/" + theirId + "/resync", null, token()).status());
            assertEquals(true, otherApi.get("targets/" + theirId, token()).json().get("enabled"), "unchanged");
        } finally {
            admin.realm(other).remove();
        }
    }

    static void assertRefused(String field, AdminApi.Reply reply) {
        assertEquals(400, reply.status(), reply.toString());
        assertEquals(field, reply.json().get("field"), reply.toString());
    }
}
