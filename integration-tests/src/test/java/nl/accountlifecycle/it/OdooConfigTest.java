package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.util.JsonSerialization;
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the Odoo sync is configured (the loopback simulator)")
class OdooConfigTest extends OdooSyncBase {

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
        // how the previous version stored it
        realm.updateWithCleanup(r -> r.attribute("accountLifecycle.odoo.apiKey", "sim-api-key").attribute("accountLifecycle.odoo.enabled", "true"));

        assertEquals(true, api.get("odoo/config", token()).json().get("apiKeySet"), "the key was kept");
        assertFalse(realm.admin().toRepresentation().getAttributes().containsKey("accountLifecycle.odoo.apiKey"),
                "the key left the realm attributes");
        String id = Users.createActive(realm.admin(), person("odoo.legacy", "legacy@example.org", "Leo", null, "Oud"), PASSWORD, List.of());
        await("delivered with the moved key", () -> inOdoo(id) != null);
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
            realm.updateWithCleanup(r -> r.attribute("accountLifecycle.odoo.url", trapUrl));
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
