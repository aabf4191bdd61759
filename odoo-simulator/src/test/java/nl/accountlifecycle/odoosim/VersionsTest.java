package nl.accountlifecycle.odoosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import nl.accountlifecycle.odoosim.SimClient.Fault;

/** What differs between Odoo 16, 17, 18 and 19, as {@link OdooVersion} records it from Odoo's source. */
class VersionsTest {

    OdooSimulator sim;
    SimClient rpc;

    void start(int version) throws Exception {
        sim = OdooSimulator.start(0, "odoo", "admin", "sim-api-key", version);
        rpc = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @ParameterizedTest(name = "Odoo {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "16|The operation cannot be completed: You can not have two users with the same login !",
            "17|The operation cannot be completed: You can not have two users with the same login!",
            "18|The operation cannot be completed: You can not have two users with the same login!",
            "19|The operation cannot be completed: You can not have two users with the same login!"})
    @DisplayName("a second user with a taken login is fault 2 with that version's constraint message")
    void duplicateLoginMessage(int version, String message) throws Exception {
        start(version);
        sim.createUser("jan@example.org", "Jan", "jan@example.org");
        assertEquals(new Fault(2, message), rpc.executeKw("res.users", "create",
                List.of(List.of(Map.of("login", "jan@example.org"))), Map.of()));
        assertEquals(new Fault(2, message), rpc.executeKw("res.users", "write",
                List.of(List.of(OdooSimulator.ADMIN_UID), Map.of("login", "jan@example.org")), Map.of()), "a write too");
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(ints = {16, 17, 18, 19})
    @DisplayName("logins are case-sensitive and kept as given: Jan@ and jan@ are two users, found only by their own spelling")
    void loginsAreCaseSensitive(int version) throws Exception {
        start(version);
        int upper = sim.createUser("Jan@example.org", "Jan", "jan@example.org");
        int lower = sim.createUser("jan@example.org", "jan", "jan@example.org");
        assertTrue(upper != lower);
        assertEquals(List.of(upper), rpc.executeKw("res.users", "search",
                List.of(List.of(List.of("login", "=", "Jan@example.org"))), Map.of()));
        assertEquals(List.of(), rpc.executeKw("res.users", "search",
                List.of(List.of(List.of("login", "=", "JAN@example.org"))), Map.of()));
        int padded = sim.createUser(" jan@example.org", "padded", "jan@example.org");
        assertTrue(padded != lower, "no trimming over RPC: the web client trims, the ORM does not");
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(ints = {16, 17, 18})
    @DisplayName("up to 18 res.partner.title exists and a user's title is written through the partner")
    void titlesUpTo18(int version) throws Exception {
        start(version);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> titles = (List<Map<String, Object>>) rpc.executeKw("res.partner.title", "search_read",
                List.of(List.of(), List.of("name", "shortcut")), Map.of());
        assertEquals("Mister", titles.get(0).get("name"));
        int id = sim.createUser("t@example.org", "T", "t@example.org");
        rpc.executeKw("res.users", "write", List.of(List.of(id), Map.of("title", 1, "mobile", "06 1")), Map.of());
        Map<String, Object> row = sim.users().stream().filter(u -> u.get("id").equals(id)).findFirst().orElseThrow();
        assertEquals("Mister", row.get("title"));
        assertEquals("06 1", row.get("mobile"));
        assertTrue(((Map<?, ?>) rpc.executeKw("res.partner", "fields_get", List.of(), Map.of())).containsKey("title"));
        assertTrue(((Map<?, ?>) rpc.executeKw("res.users", "fields_get", List.of(), Map.of())).containsKey("groups_id"));
    }

    @Test
    @DisplayName("the titleModelMissing switch: Odoo 17's partners keep their title field, but the title model answers as missing")
    void titleModelMissingSwitch() throws Exception {
        start(17);
        sim.setTitleModelMissing(true);
        assertEquals(new Fault(2, "Object res.partner.title doesn't exist"), rpc.executeKw("res.partner.title", "search_read",
                List.of(List.of()), Map.of()));
        assertTrue(((Map<?, ?>) rpc.executeKw("res.partner", "fields_get", List.of(), Map.of())).containsKey("title"));
        sim.setTitleModelMissing(false);
        assertInstanceOf(List.class, rpc.executeKw("res.partner.title", "search_read", List.of(List.of()), Map.of()));
    }

    @Test
    @DisplayName("19 has no res.partner.title, no title or mobile on partners, and group_ids / all_group_ids instead of groups_id")
    void noTitlesIn19() throws Exception {
        start(19);
        assertEquals(new Fault(2, "Object res.partner.title doesn't exist"), rpc.executeKw("res.partner.title", "search_read",
                List.of(List.of()), Map.of()));
        Map<?, ?> partnerFields = (Map<?, ?>) rpc.executeKw("res.partner", "fields_get", List.of(), Map.of());
        assertFalse(partnerFields.containsKey("title") || partnerFields.containsKey("mobile"), partnerFields.toString());
        Map<?, ?> userFields = (Map<?, ?>) rpc.executeKw("res.users", "fields_get", List.of(), Map.of());
        assertTrue(userFields.containsKey("group_ids") && userFields.containsKey("all_group_ids") && !userFields.containsKey("groups_id"));
        int id = sim.createUser("t@example.org", "T", "t@example.org");
        Fault title = assertInstanceOf(Fault.class, rpc.executeKw("res.users", "write", List.of(List.of(id), Map.of("title", 1)), Map.of()));
        assertTrue(title.code() == 1 && title.string().contains("Invalid field 'title' on model 'res.users'"), title.string());
        assertFalse(sim.users().get(0).containsKey("title"), "the listing has no title column in 19");
    }

    @Test
    @DisplayName("only 16 to 19 are played: the API and the control API refuse others and keep the version")
    void versionRange() throws Exception {
        start(17);
        assertThrows(IllegalArgumentException.class, () -> sim.setVersion(15));
        assertEquals(400, rpc.post("/_sim/config", "application/json", "{\"version\": 20, \"rttMillis\": 5}").statusCode());
        assertEquals(17, sim.version());
        assertTrue(rpc.post("/_sim/config", "application/json", "{\"version\": 18}").body().contains("\"version\":18"));
        assertEquals(18, sim.version());
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) rpc.call("common", "version");
        assertEquals("18.0", info.get("server_version"));
    }
}
