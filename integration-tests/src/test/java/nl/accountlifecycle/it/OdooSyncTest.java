package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Users;
import nl.accountlifecycle.odoosim.OdooSimulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the realm is synced to Odoo (the loopback simulator)")
class OdooSyncTest extends OdooSyncBase {

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
        // Odoo 19 has no partner title model (odoo/odoo#187357): the user arrives without a title, nothing blocks
        assertNull(created.get("title"), "no partner title in Odoo 19");
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
}
