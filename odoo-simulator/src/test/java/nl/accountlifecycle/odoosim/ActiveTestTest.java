package nl.accountlifecycle.odoosim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code active_test}: odoo/models.py {@code _search} leaves archived records out unless asked for. */
class ActiveTestTest {

    OdooSimulator sim;

    @AfterEach
    void stop() {
        sim.close();
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(ints = {16, 17, 18, 19})
    void activeTestHidesArchivedUsers(int version) throws Exception {
        sim = OdooSimulator.start(0, "odoo", "admin", "sim-api-key", version);
        SimClient rpc = new SimClient(sim);
        int id = sim.createUser("old@example.org", "Old", "old@example.org");
        List<?> byLogin = List.of(List.of("login", "=", "old@example.org"));
        assertEquals(List.of(id), rpc.executeKw("res.users", "search", List.of(byLogin), Map.of()), "found while active");

        assertEquals(true, rpc.executeKw("res.users", "write", List.of(List.of(id), Map.of("active", false)), Map.of()));

        assertEquals(List.of(), rpc.executeKw("res.users", "search", List.of(byLogin), Map.of()), "archived: hidden");
        assertEquals(0, rpc.executeKw("res.users", "search_count", List.of(byLogin), Map.of()));
        assertEquals(List.of(id), rpc.executeKw("res.users", "search", List.of(byLogin),
                Map.of("context", Map.of("active_test", false))), "active_test False shows it");
        assertEquals(List.of(id), rpc.executeKw("res.users", "search", List.of(List.of(List.of("login", "=",
                "old@example.org"), List.of("active", "in", List.of(true, false)))), Map.of()), "a domain on active shows it");
        @SuppressWarnings("unchecked")
        Map<String, Object> read = ((List<Map<String, Object>>) rpc.executeKw("res.users", "read",
                List.of(List.of(id), List.of("active", "login")), Map.of())).get(0);
        assertEquals(false, read.get("active"), "read by id ignores active_test");
        assertEquals(false, sim.users().stream().filter(u -> u.get("id").equals(id)).findFirst().orElseThrow().get("active"));
    }
}
