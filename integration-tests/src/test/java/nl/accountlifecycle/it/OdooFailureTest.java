package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.TestOdoo;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the realm is synced to Odoo, when Odoo is down or refuses (the loopback simulator)")
class OdooFailureTest extends OdooSyncBase {

    /** The server's clock, moved past the wait before a failed title lookup is tried again. */
    @InjectTimeOffSet
    TimeOffSet clock;

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
    @DisplayName("then an Odoo whose partners have a title field but whose title model cannot be read gets every user without a title, status names the field, and titles come back once the model does")
    void optionalTitleNeverBlocksUsers() {
        odoo.setVersion(17);
        odoo.setTitleModelMissing(true);
        try {
            configure("xmlrpc", "sim-api-key", 2);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(Users.createActive(realm.admin(), person("odoo.notitle" + i, "notitle" + i + "@example.org", "Tom", "de", "Titel" + i),
                        PASSWORD, List.of()));
            }
            await("all five delivered", () -> ids.stream().allMatch(id -> inOdoo(id) != null));
            ids.forEach(id -> assertEquals(false, inOdoo(id).get("title"), "delivered without a title: " + inOdoo(id)));
            assertEquals("Tom de Titel0", inOdoo(ids.get(0)).get("name"), "the other fields arrive");
            ids.forEach(id -> assertNull(deadReason(id), "no dead letter for " + id));
            Map<String, Object> status = status();
            assertEquals(0, ((Number) status.get("failed")).intValue(), status.toString());
            List<?> skipped = (List<?>) status.get("skippedFields");
            assertEquals(1, skipped.size(), status.toString());
            Map<?, ?> title = (Map<?, ?>) skipped.get(0);
            assertEquals("title", title.get("field"));
            assertTrue(String.valueOf(title.get("reason")).contains("res.partner.title cannot be read (validation:"), title.toString());

            odoo.setTitleModelMissing(false);
            clock.set(6 * 60); // past the 5 minutes before the lookup is tried again
            UserRepresentation rep = realm.admin().users().get(ids.get(0)).toRepresentation();
            rep.setLastName("Titelhouder");
            realm.admin().users().get(ids.get(0)).update(rep);
            await("renamed, now with the title", () -> "Mister".equals(inOdoo(ids.get(0)).get("title"))
                    && "Tom de Titelhouder".equals(inOdoo(ids.get(0)).get("name")));
            await("status names no skipped field", () -> ((List<?>) status().get("skippedFields")).isEmpty());
        } finally {
            odoo.setTitleModelMissing(false);
            odoo.setVersion(TestOdoo.VERSION);
            clock.set(0);
        }
    }
}
