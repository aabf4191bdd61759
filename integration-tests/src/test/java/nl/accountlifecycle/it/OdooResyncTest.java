package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.TestOdoo;
import nl.accountlifecycle.it.support.Users;
import nl.accountlifecycle.odoosim.OdooSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** The realm re-sync pages users by id; a realm of several pages must reach Odoo whole, each user once. */
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given a realm of more users than one re-sync page (1,000), none of them in Odoo yet")
class OdooResyncTest {

    static final int IMPORTED = 2_345;
    static OdooSimulator odoo;

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @BeforeAll
    static void startOdoo() throws Exception {
        odoo = TestOdoo.start();
    }

    @AfterAll
    static void stopOdoo() {
        odoo.close();
    }

    @Test
    @DisplayName("then the realm re-sync sends every user exactly once and reports every one queued")
    void everyPageReachesOdoo() {
        AdminApi api = AdminApi.forRealm(realm);
        List<String> ids = importUsers(); // while the sync is off: nothing is queued for them
        AdminApi.Reply saved = api.put("odoo/config", "{\"enabled\": true, \"url\": \"" + odoo.baseUrl() + "\","
                + " \"database\": \"odoo\", \"login\": \"admin\", \"apiKey\": \"sim-api-key\", \"transport\": \"json2\"}", token());
        assertEquals(200, saved.status(), saved.toString());
        try {
            assertEquals(0, inOdoo().size(), "nobody synced before the re-sync");
            AdminApi.Reply job = api.post("odoo/resync", null, token());
            assertEquals(202, job.status(), job.toString());
            await("the re-sync finishes", () -> "done".equals(api.get("odoo/resync", token()).json().get("status")));
            await("the queue is empty", () -> ((Number) api.get("odoo/status", token()).json().get("pending")).intValue() == 0);

            Map<String, Object> progress = api.get("odoo/resync", token()).json();
            long done = ((Number) progress.get("done")).longValue();
            assertEquals(progress.get("total"), progress.get("done"), progress.toString());
            Map<String, Integer> copies = inOdoo();
            assertEquals(done, copies.size(), "each user queued reached Odoo: " + progress);
            for (String id : ids) {
                assertEquals(1, copies.getOrDefault(id, 0), "user " + id + " in Odoo once");
            }
            assertTrue(done >= IMPORTED, progress.toString());
            assertEquals(0, ((Number) api.get("odoo/status", token()).json().get("dead")).intValue(), "no user failed");
        } finally {
            api.put("odoo/config", "{\"enabled\": false}", token());
        }
    }

    private List<String> importUsers() {
        List<UserRepresentation> users = new ArrayList<>();
        for (int i = 0; i < IMPORTED; i++) {
            UserRepresentation user = Users.person("resync." + i, "resync." + i + "@example.org", "Re", "Sync" + i);
            user.setId(UUID.randomUUID().toString());
            user.setEnabled(true);
            users.add(user);
        }
        PartialImportRepresentation body = new PartialImportRepresentation();
        body.setIfResourceExists("FAIL");
        body.setUsers(users);
        try (jakarta.ws.rs.core.Response reply = realm.admin().partialImport(body)) {
            assertEquals(200, reply.getStatus());
        }
        return users.stream().map(UserRepresentation::getId).toList();
    }

    /** Keycloak user id (the Odoo user's {@code oauth_uid}) → how many Odoo users carry it. */
    private static Map<String, Integer> inOdoo() {
        Map<String, Integer> copies = new HashMap<>();
        for (Map<String, Object> user : odoo.users()) {
            if (user.get("oauth_uid") instanceof String uid && !uid.isBlank()) {
                copies.merge(uid, 1, Integer::sum);
            }
        }
        return copies;
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
