package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Users;
import nl.accountlifecycle.odoosim.OdooSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the realm is synced to Odoo (the loopback simulator)")
class OdooSyncTest {

    static final String PASSWORD = "Odoo2026abcd";
    static OdooSimulator odoo;

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    AdminApi api;

    @BeforeAll
    static void startOdoo() throws Exception {
        odoo = OdooSimulator.start(0, "odoo", "admin", "sim-api-key", 19);
    }

    @AfterAll
    static void stopOdoo() {
        odoo.close();
    }

    @BeforeEach
    void setUp() {
        api = AdminApi.forRealm(realm);
        odoo.reset();
    }

    @AfterEach
    void disable() throws Exception {
        api.put("odoo/config", "{\"enabled\": false, \"linkExisting\": false}", token());
        odoo.setDown(false);
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    private void configure(String transport, String key, int maxAttempts) {
        AdminApi.Reply saved = api.put("odoo/config", "{\"enabled\": true, \"url\": \"" + odoo.baseUrl() + "\", \"database\": \"odoo\","
                + " \"login\": \"admin\", \"apiKey\": \"" + key + "\", \"transport\": \"" + transport + "\","
                + " \"oauthProviderId\": " + OdooSimulator.OAUTH_PROVIDER_ID + ", \"maxAttempts\": " + maxAttempts + "}", token());
        assertEquals(200, saved.status(), saved.toString());
        if (!key.startsWith("${vault.")) {
            assertFalse(saved.body().contains(key), "the key is never returned");
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for: " + what + "; Odoo users: " + odoo.users());
    }

    private static Map<String, Object> inOdoo(String userId) {
        return odoo.findUserByOauthUid(userId);
    }

    private static long copies(String userId) {
        return odoo.users().stream().filter(u -> userId.equals(u.get("oauth_uid"))).count();
    }

    private Map<String, Object> status() {
        return api.get("odoo/status", token()).json();
    }

    private UserRepresentation person(String username, String email, String first, String infix, String last) {
        UserRepresentation rep = Users.person(username, email, first, last);
        rep.setAttributes(infix == null
                ? Users.attributes("phone", "+31 20 555 0101", "jobTitle", "Inkoper", "title", "mr")
                : Users.attributes("infix", infix, "phone", "+31 20 555 0101", "jobTitle", "Inkoper", "title", "mr"));
        return rep;
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"xmlrpc", "json2"})
    @DisplayName("then Odoo follows create, rename, email change, disable, enable and delete, with one Odoo user throughout")
    void convergence(String transport) throws Exception {
        configure(transport, "sim-api-key", 8);
        String id = Users.createActive(realm.admin(), person("odoo.conv." + transport, "conv." + transport + "@example.org",
                "Jan", "van den", "Berg"), PASSWORD, List.of("/users"));
        await("created in Odoo", () -> inOdoo(id) != null);
        Map<String, Object> created = inOdoo(id);
        assertEquals("conv." + transport + "@example.org", created.get("login"));
        assertEquals("Jan van den Berg", created.get("name"));
        assertEquals("+31 20 555 0101", created.get("phone"));
        assertEquals("Inkoper", created.get("function"));
        assertEquals("Mister", created.get("title"));
        assertEquals(true, created.get("active"));
        assertEquals(OdooSimulator.OAUTH_PROVIDER_ID, created.get("oauth_provider_id"));

        UserRepresentation rep = realm.admin().users().get(id).toRepresentation();
        rep.setLastName("Bergh");
        rep.getAttributes().put("infix", List.of(""));
        realm.admin().users().get(id).update(rep);
        await("renamed", () -> "Jan Bergh".equals(inOdoo(id).get("name")));

        AdminApi.Reply changed = api.post("users/" + id + "/email-change", "{\"email\": \"moved." + transport
                + "@example.org\", \"mode\": \"immediate\"}", token());
        assertEquals(200, changed.status(), changed.toString());
        await("email changed", () -> ("moved." + transport + "@example.org").equals(inOdoo(id).get("login")));

        rep = realm.admin().users().get(id).toRepresentation();
        rep.setEnabled(false);
        realm.admin().users().get(id).update(rep);
        await("disabled", () -> Boolean.FALSE.equals(inOdoo(id).get("active")));
        rep.setEnabled(true);
        realm.admin().users().get(id).update(rep);
        await("enabled", () -> Boolean.TRUE.equals(inOdoo(id).get("active")));

        realm.admin().users().get(id).remove();
        await("archived, not deleted", () -> Boolean.FALSE.equals(inOdoo(id).get("active")));
        assertEquals(1, copies(id), "never a duplicate");
        await("queue empty", () -> ((Number) status().get("pending")).intValue() == 0);
        assertNotNull(status().get("lastSuccess"));
    }

    @Test
    @DisplayName("then the API key can come from Keycloak's vault, and is shown only as its reference")
    void apiKeyFromTheVault() throws Exception {
        java.nio.file.Files.writeString(BundleServer.VAULT_DIR.resolve(realm.getName() + "_odoo-api-key"), "sim-api-key");
        configure("json2", "${vault.odoo-api-key}", 8);
        Map<String, Object> config = api.get("odoo/config", token()).json();
        assertEquals("${vault.odoo-api-key}", config.get("apiKeyVault"));
        String id = Users.createActive(realm.admin(), person("odoo.vault", "vault@example.org", "Vera", null, "Kluis"), PASSWORD, List.of());
        await("delivered with the vault's key", () -> inOdoo(id) != null);
    }

    @Test
    @DisplayName("then a literal API key shows in no admin REST answer and no admin event, and a full-realm save keeps it working")
    void literalKeyIsNeverReadable() throws Exception {
        String key = "sim-api-key";
        RealmRepresentation before = realm.admin().toRepresentation();
        before.setAdminEventsEnabled(true);
        before.setAdminEventsDetailsEnabled(true);
        realm.admin().update(before);
        try {
            realm.admin().clearAdminEvents();
            configure("xmlrpc", key, 8);

            // what the admin console does on any realm-settings save: GET the realm, PUT the same body back
            RealmRepresentation shown = realm.admin().toRepresentation();
            String shownJson = JsonSerialization.writeValueAsString(shown);
            assertFalse(shownJson.contains(key), "GET /admin/realms/{realm} shows the key");
            realm.admin().update(shown);
            assertFalse(JsonSerialization.writeValueAsString(realm.admin().toRepresentation()).contains(key));
            assertFalse(JsonSerialization.writeValueAsString(realm.admin().partialExport(true, true)).contains(key),
                    "the partial export shows the key");
            assertEquals(true, api.get("odoo/config", token()).json().get("apiKeySet"), "the realm save kept the key");

            String id = Users.createActive(realm.admin(), person("odoo.secret", "secret@example.org", "Sara", null, "Geheim"),
                    PASSWORD, List.of());
            await("delivered with the key after the realm save", () -> inOdoo(id) != null);

            List<AdminEventRepresentation> events = realm.admin().getAdminEvents();
            assertFalse(events.isEmpty(), "admin events were recorded");
            for (AdminEventRepresentation event : events) {
                assertFalse(JsonSerialization.writeValueAsString(event).contains(key), "an admin event shows the key: "
                        + event.getResourcePath());
            }
        } finally {
            RealmRepresentation after = realm.admin().toRepresentation();
            after.setAdminEventsEnabled(false);
            after.setAdminEventsDetailsEnabled(false);
            realm.admin().update(after);
        }
    }

    @Test
    @DisplayName("then a key an earlier version kept in the realm attributes is moved out of them on first read, and still works")
    void legacyKeyAttributeIsMigrated() {
        configure("json2", "sim-api-key", 8);
        assertEquals(200, api.put("odoo/config", "{\"apiKey\": null, \"enabled\": false}", token()).status());
        assertEquals(false, api.get("odoo/config", token()).json().get("apiKeySet"));
        RealmRepresentation old = realm.admin().toRepresentation();
        old.getAttributes().put("accountLifecycle.odoo.apiKey", "sim-api-key"); // how the previous version stored it
        old.getAttributes().put("accountLifecycle.odoo.enabled", "true");
        realm.admin().update(old);

        assertEquals(true, api.get("odoo/config", token()).json().get("apiKeySet"), "the key was kept");
        assertFalse(realm.admin().toRepresentation().getAttributes().containsKey("accountLifecycle.odoo.apiKey"),
                "the key left the realm attributes");
        String id = Users.createActive(realm.admin(), person("odoo.legacy", "legacy@example.org", "Leo", null, "Oud"), PASSWORD, List.of());
        await("delivered with the moved key", () -> inOdoo(id) != null);
    }

    /** The reason of a user's dead letter, or null while it has none. */
    private String deadReason(String userId) {
        List<?> items = (List<?>) api.get("odoo/dead-letters?max=500", token()).json().get("items");
        return items.stream().map(i -> (Map<?, ?>) i).filter(i -> userId.equals(i.get("userId")))
                .map(i -> String.valueOf(i.get("reason"))).findFirst().orElse(null);
    }

    @Test
    @DisplayName("then a realm admin cannot aim the sync at another host: not at unlisted or metadata hosts, not with the stored key, and no answer text comes back")
    void noServerSideRequestsForRealmAdmins() throws Exception {
        configure("json2", "sim-api-key", 1);
        AdminApi.Reply unlisted = api.put("odoo/config", "{\"url\": \"https://erp.example.org\", \"apiKey\": \"k\"}", token());
        assertEquals(400, unlisted.status(), unlisted.toString());
        assertEquals("url", unlisted.json().get("field"));
        for (String metadata : List.of("https://169.254.169.254", "https://[fd00:ec2::254]", "https://metadata.google.internal")) {
            AdminApi.Reply refused = api.put("odoo/config", "{\"url\": \"" + metadata + "\", \"apiKey\": \"k\"}", token());
            assertEquals(400, refused.status(), metadata + ": " + refused);
            assertEquals("url", refused.json().get("field"));
        }

        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer trap = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        trap.createContext("/", exchange -> {
            seen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "internal-secret-body\nsecond line".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        trap.start();
        try {
            String trapUrl = "http://127.0.0.1:" + trap.getAddress().getPort();
            AdminApi.Reply moved = api.put("odoo/config", "{\"url\": \"" + trapUrl + "\"}", token());
            assertEquals(400, moved.status(), "another host without a new key: " + moved);
            assertEquals("apiKey", moved.json().get("field"));

            // behind the bundle's REST: the url attribute changed in a realm save
            RealmRepresentation rep = realm.admin().toRepresentation();
            rep.getAttributes().put("accountLifecycle.odoo.url", trapUrl);
            realm.admin().update(rep);
            assertEquals(false, api.get("odoo/config", token()).json().get("apiKeySet"), "the key does not follow the url");
            String id = Users.createActive(realm.admin(), person("odoo.ssrf", "ssrf@example.org", "Sam", null, "Vreemd"), PASSWORD, List.of());
            await("dead-lettered without a call", () -> deadReason(id) != null);
            assertTrue(deadReason(id).startsWith("refused:"), deadReason(id));
            assertTrue(seen.isEmpty(), "the stored key went to the new host: " + seen);

            // with a key of its own the host is called, but nothing it answers comes back
            assertEquals(200, api.put("odoo/config", "{\"url\": \"" + trapUrl + "\", \"apiKey\": \"trap-key\"}", token()).status());
            assertEquals(200, api.post("odoo/retry?id=" + deadLetterId(id), null, token()).status());
            await("called and dead-lettered again", () -> !seen.isEmpty() && deadReason(id) != null && !deadReason(id).startsWith("refused:"));
            assertEquals(List.of("bearer trap-key"), seen.stream().distinct().toList(), "only its own key");
            assertEquals("protocol: HTTP 500, not a JSON-2 answer", deadReason(id));

            // a closed port reads like any other failure to connect: no port map
            int closed;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closed = socket.getLocalPort();
            }
            assertEquals(200, api.put("odoo/config", "{\"url\": \"http://127.0.0.1:" + closed + "\", \"apiKey\": \"k\"}", token()).status());
            assertEquals(200, api.post("odoo/retry?id=" + deadLetterId(id), null, token()).status());
            await("dead-lettered for the closed port", () -> String.valueOf(deadReason(id)).startsWith("unavailable:"));
            assertEquals("unavailable: no connection or no answer in time", deadReason(id));
        } finally {
            trap.stop(0);
        }
    }

    private String deadLetterId(String userId) {
        List<?> items = (List<?>) api.get("odoo/dead-letters?max=500", token()).json().get("items");
        return items.stream().map(i -> (Map<?, ?>) i).filter(i -> userId.equals(i.get("userId")))
                .map(i -> String.valueOf(i.get("id"))).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("then inviting an Odoo administrator's or another account's address never takes over that Odoo user")
    void noTakeoverOfExistingOdooAccounts() {
        int plain = odoo.createUser("plain@corp.test", "Plain Odoo", "plain@corp.test");
        int boss = odoo.createUser("boss@corp.test", "The Boss", "boss@corp.test", List.of(OdooSimulator.GROUP_SYSTEM), null);
        int taken = odoo.createUser("taken.sso@corp.test", "Taken", "taken.sso@corp.test", List.of(OdooSimulator.GROUP_USER), "someone-else");
        configure("json2", "sim-api-key", 8);
        assertEquals(false, api.get("odoo/config", token()).json().get("linkExisting"), "off by default");

        String plainId = Users.createActive(realm.admin(), person("odoo.plain", "plain@corp.test", "Paul", null, "Plat"), PASSWORD, List.of());
        await("refused while linkExisting is off", () -> deadReason(plainId) != null);
        assertTrue(deadReason(plainId).startsWith("refused:") && deadReason(plainId).contains("linkExisting is off"), deadReason(plainId));

        assertEquals(200, api.put("odoo/config", "{\"linkExisting\": true}", token()).status());
        String bossId = Users.createActive(realm.admin(), person("odoo.boss", "boss@corp.test", "Eve", null, "Aanvaller"), PASSWORD, List.of());
        String takenId = Users.createActive(realm.admin(), person("odoo.taken", "taken.sso@corp.test", "Tom", null, "Twee"), PASSWORD, List.of());
        await("both dead-lettered", () -> deadReason(bossId) != null && deadReason(takenId) != null);
        assertTrue(deadReason(bossId).contains("administrator"), deadReason(bossId));
        assertTrue(deadReason(takenId).contains("another account"), deadReason(takenId));
        Map<String, Object> bossInOdoo = odoo.users().stream().filter(u -> ((Number) u.get("id")).intValue() == boss).findFirst().orElseThrow();
        assertEquals("The Boss", bossInOdoo.get("name"), "name not overwritten");
        assertEquals(false, bossInOdoo.get("oauth_uid"), "not bound to the Keycloak user");
        assertNull(inOdoo(bossId));
        assertEquals("someone-else", odoo.users().stream().filter(u -> ((Number) u.get("id")).intValue() == taken)
                .findFirst().orElseThrow().get("oauth_uid"));

        assertEquals(200, api.post("odoo/retry?id=" + deadLetterId(plainId), null, token()).status());
        await("the plain user is linked once linkExisting is on", () -> inOdoo(plainId) != null);
        assertEquals(plain, ((Number) inOdoo(plainId).get("id")).intValue());
    }

    @Test
    @DisplayName("then, with linkExisting turned on, an existing Odoo user with the same login is linked, not duplicated")
    void linksExistingUsers() {
        int existing = odoo.createUser("link.me@example.org", "Link Me", "link.me@example.org");
        configure("xmlrpc", "sim-api-key", 8);
        assertEquals(200, api.put("odoo/config", "{\"linkExisting\": true}", token()).status());
        String id = Users.createActive(realm.admin(), person("odoo.link", "link.me@example.org", "Linda", null, "Mee"), PASSWORD, List.of());
        await("linked", () -> inOdoo(id) != null);
        assertEquals(existing, ((Number) inOdoo(id).get("id")).intValue());
        assertEquals("Linda Mee", inOdoo(id).get("name"));
        assertEquals(1, odoo.users().stream().filter(u -> "link.me@example.org".equals(u.get("login"))).count());
    }

    @Test
    @DisplayName("then 200 changes made while Odoo is down all arrive once it is back, with no duplicates")
    void odooDown() throws Exception {
        configure("json2", "sim-api-key", 50);
        odoo.setDown(true);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(Users.createActive(realm.admin(), person("odoo.down" + i, "down" + i + "@example.org", "Piet", null, "Eerst" + i),
                    PASSWORD, List.of()));
        }
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < ids.size(); i++) {
                UserRepresentation rep = realm.admin().users().get(ids.get(i)).toRepresentation();
                rep.setLastName("Ronde" + round + "-" + i);
                realm.admin().users().get(ids.get(i)).update(rep);
            }
        }
        await("failures recorded while down", () -> ((Number) status().get("failed")).intValue() > 0);
        assertTrue(((Number) status().get("pending")).intValue() >= 50, status().toString());
        assertTrue(odoo.users().size() == 1, "nothing reached Odoo");

        odoo.setDown(false);
        await("all delivered", () -> ((Number) status().get("pending")).intValue() == 0);
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Object> user = inOdoo(ids.get(i));
            assertNotNull(user, "user " + i);
            assertEquals("Piet Ronde3-" + i, user.get("name"), "the final state");
            assertEquals(1, copies(ids.get(i)));
        }
        assertEquals(51, odoo.users().size(), "50 users and Odoo's administrator, no duplicates");
    }

    @Test
    @DisplayName("then wrong credentials end in dead letters with a reason, and fixing the config plus retry delivers them")
    void deadLettersAndRetry() {
        configure("xmlrpc", "wrong-key", 2);
        String id = Users.createActive(realm.admin(), person("odoo.dead", "dead@example.org", "Dirk", null, "Dood"), PASSWORD, List.of());
        await("dead-lettered", () -> ((Number) status().get("dead")).intValue() >= 1);
        Map<String, Object> letters = api.get("odoo/dead-letters", token()).json();
        List<?> items = (List<?>) letters.get("items");
        Map<?, ?> letter = (Map<?, ?>) items.stream().filter(i -> id.equals(((Map<?, ?>) i).get("userId"))).findFirst().orElseThrow();
        assertTrue(String.valueOf(letter.get("reason")).startsWith("authentication:"), letter.toString());
        assertFalse(letters.toString().contains("wrong-key"), "the key is never shown");
        assertNull(inOdoo(id));

        assertEquals(200, api.put("odoo/config", "{\"apiKey\": \"sim-api-key\"}", token()).status());
        assertEquals(404, api.post("odoo/retry?id=no-such-row", null, token()).status());
        AdminApi.Reply retried = api.post("odoo/retry?id=" + letter.get("id"), null, token());
        assertEquals(200, retried.status(), retried.toString());
        await("delivered after retry", () -> inOdoo(id) != null);
        await("no dead letters left", () -> ((Number) status().get("dead")).intValue() == 0);
    }

    @Test
    @DisplayName("then Odoo answering HTML or refusing data gives dead letters with clear reasons, and retry delivers what Odoo then accepts")
    void faultsHaveReasons() throws Exception {
        configure("json2", "sim-api-key", 2);
        odoo.setHtmlErrors(true);
        String htmlId = Users.createActive(realm.admin(), person("odoo.html", "html@example.org", "Hans", null, "Proxy"), PASSWORD, List.of());
        await("dead letter for the HTML answers", () -> api.get("odoo/dead-letters", token()).body().contains(htmlId));
        assertTrue(api.get("odoo/dead-letters", token()).body().contains("unavailable: HTTP 502"), api.get("odoo/dead-letters", token()).body());
        odoo.setHtmlErrors(false);

        odoo.createUser("taken@example.org", "Someone Else", "taken@example.org");
        assertEquals(200, api.put("odoo/config", "{\"linkExisting\": false}", token()).status());
        String clashId = Users.createActive(realm.admin(), person("odoo.clash", "taken@example.org", "Clara", null, "Botsing"), PASSWORD, List.of());
        await("dead letter for the duplicate login", () -> api.get("odoo/dead-letters", token()).body().contains(clashId));
        assertTrue(deadReason(clashId).contains("linkExisting is off"), deadReason(clashId));

        AdminApi.Reply retryAll = api.post("odoo/retry", null, token());
        assertTrue(((Number) retryAll.json().get("retried")).intValue() >= 2, retryAll.toString());
        await("the HTML one delivered once Odoo answers properly", () -> inOdoo(htmlId) != null);
    }

    @Test
    @DisplayName("then users brought in by a partial import reach Odoo")
    void partialImportIsSynced() {
        configure("json2", "sim-api-key", 8);
        UserRepresentation imported = Users.person("odoo.imported", "imported@example.org", "Ingrid", "Import");
        imported.setEnabled(true);
        PartialImportRepresentation body = new PartialImportRepresentation();
        body.setIfResourceExists("FAIL");
        body.setUsers(List.of(imported));
        try (jakarta.ws.rs.core.Response reply = realm.admin().partialImport(body)) {
            assertEquals(200, reply.getStatus());
        }
        String id = realm.admin().users().search("odoo.imported", true).get(0).getId();
        await("the imported user in Odoo", () -> inOdoo(id) != null);
        assertEquals("imported@example.org", inOdoo(id).get("login"));
        assertEquals("Ingrid Import", inOdoo(id).get("name"));
    }

    @Test
    @DisplayName("then re-syncing one user or the whole realm sends everyone, and reports progress")
    void resync() {
        String id = Users.createActive(realm.admin(), person("odoo.resync", "resync@example.org", "Ria", null, "Opnieuw"), PASSWORD, List.of());
        assertEquals(409, api.post("odoo/resync/users/" + id, null, token()).status(), "disabled sync");
        configure("xmlrpc", "sim-api-key", 8);
        assertNull(inOdoo(id), "created before the sync was on");
        assertEquals(202, api.post("odoo/resync/users/" + id, null, token()).status());
        await("re-synced", () -> inOdoo(id) != null);
        assertEquals(404, api.post("odoo/resync/users/no-such-user", null, token()).status());

        AdminApi.Reply job = api.post("odoo/resync", null, token());
        assertEquals(202, job.status(), job.toString());
        await("the realm re-sync finishes", () -> "done".equals(api.get("odoo/resync", token()).json().get("status")));
        Map<String, Object> progress = api.get("odoo/resync", token()).json();
        assertEquals(progress.get("total"), progress.get("done"));
        await("queue empty", () -> ((Number) status().get("pending")).intValue() == 0);
        long kcUsers = realm.admin().users().count();
        assertTrue(odoo.users().size() >= kcUsers, "every Keycloak user is in Odoo: " + odoo.users().size() + " for " + kcUsers);
    }

    @Test
    @DisplayName("then re-syncing one user tells a query-only admin nothing about which user ids exist")
    void resyncOfOneUserChecksPermissionFirst() {
        configure("xmlrpc", "sim-api-key", 8);
        String id = Users.createActive(realm.admin(), person("odoo.exists", "exists@example.org", "Ed", null, "Echt"), PASSWORD, List.of());
        String querier = Users.withAdminRoles(realm.admin(), "odoo.querier", PASSWORD, "query-users");
        String tQuery = api.passwordGrant(DemoRealm.NAME, querier, PASSWORD);
        AdminApi.Reply existing = api.post("odoo/resync/users/" + id, null, tQuery);
        AdminApi.Reply missing = api.post("odoo/resync/users/00000000-0000-0000-0000-000000000000", null, tQuery);
        assertEquals(403, existing.status(), existing.toString());
        assertEquals(403, missing.status(), "the same answer for an id that does not exist: " + missing);
        assertEquals(202, api.post("odoo/resync/users/" + id, null, token()).status());
        assertEquals(404, api.post("odoo/resync/users/00000000-0000-0000-0000-000000000000", null, token()).status());
    }

    @Test
    @DisplayName("then bad config is refused, the key is never shown, permissions are checked and the meters are on /metrics")
    void configPermissionsMetrics() throws Exception {
        assertEquals(400, api.put("odoo/config", "{\"url\": \"http://erp.example.org\"}", token()).status());
        assertEquals("url", api.put("odoo/config", "{\"url\": \"http://erp.example.org\"}", token()).json().get("field"));
        assertEquals("transport", api.put("odoo/config", "{\"transport\": \"soap\"}", token()).json().get("field"));
        assertEquals("apiKey", api.put("odoo/config", "{\"enabled\": true, \"url\": \"" + odoo.baseUrl() + "\", \"database\": \"x\","
                + " \"login\": \"a\", \"apiKey\": null}", token()).json().get("field"));
        configure("xmlrpc", "sim-api-key", 8);
        Map<String, Object> config = api.get("odoo/config", token()).json();
        assertEquals(true, config.get("apiKeySet"));
        assertFalse(config.toString().contains("sim-api-key"));

        assertEquals(401, api.get("odoo/status", null).status());
        String viewer = Users.withAdminRoles(realm.admin(), "odoo.viewer", PASSWORD, "view-users");
        String tView = api.passwordGrant(DemoRealm.NAME, viewer, PASSWORD);
        assertEquals(200, api.get("odoo/status", tView).status());
        assertEquals(403, api.get("odoo/config", tView).status());
        assertEquals(403, api.put("odoo/config", "{\"enabled\": false}", tView).status());
        assertEquals(403, api.post("odoo/retry", null, tView).status());
        assertEquals(403, api.post("odoo/resync", null, tView).status());

        String id = Users.createActive(realm.admin(), person("odoo.metrics", "metrics@example.org", "Mia", null, "Meter"), PASSWORD, List.of());
        await("delivered", () -> inOdoo(id) != null);
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:9000/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("account_lifecycle_odoo_deliveries_total"), "deliveries counter on /metrics");
        assertTrue(metrics.contains("account_lifecycle_odoo_queue_depth"), "queue depth gauge on /metrics");
    }
}
