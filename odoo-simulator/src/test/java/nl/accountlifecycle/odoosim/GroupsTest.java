package nl.accountlifecycle.odoosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Groups that imply groups, as Odoo keeps them in each version. */
class GroupsTest {

    OdooSimulator sim;

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    @DisplayName("up to 18 groups_id holds the implied groups too, and has_group follows them")
    void groupsIdUpTo18() throws Exception {
        sim = OdooSimulator.start(0, "odoo", "admin", "sim-api-key", 18);
        SimClient rpc = new SimClient(sim);
        int boss = sim.createUser("boss@corp.test", "Boss", "boss@corp.test", List.of(OdooSimulator.GROUP_SYSTEM), null);
        int clerk = sim.createUser("clerk@corp.test", "Clerk", "clerk@corp.test", List.of(OdooSimulator.GROUP_SALES), null);
        assertTrue(sim.hasGroup(boss, "base.group_erp_manager"), "group_system implies group_erp_manager");
        assertTrue(sim.hasGroup(boss, "base.group_user"));
        assertFalse(sim.hasGroup(clerk, "base.group_erp_manager"));
        assertTrue(sim.hasGroup(clerk, "base.group_user"));
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) rpc.executeKw("res.users", "read",
                List.of(List.of(boss), List.of("groups_id")), Map.of())).get(0);
        assertEquals(List.of(1, 2, 4), row.get("groups_id"));
        assertEquals(true, rpc.executeKw("res.users", "has_group", List.of(List.of(boss), "base.group_erp_manager"), Map.of()));
        assertEquals(false, rpc.executeKw("res.users", "has_group", List.of(List.of(clerk), "base.group_system"), Map.of()));
    }

    @Test
    @DisplayName("19 keeps the assigned groups in group_ids and all of them in all_group_ids; XML ids are in ir.model.data")
    void groupIdsIn19() throws Exception {
        sim = OdooSimulator.start(0, "odoo", "admin", "sim-api-key", 19);
        SimClient client = new SimClient(sim);
        int boss = sim.createUser("boss@corp.test", "Boss", "boss@corp.test", List.of(OdooSimulator.GROUP_SYSTEM), null);
        sim.createUser("clerk@corp.test", "Clerk", "clerk@corp.test", List.of(OdooSimulator.GROUP_SALES), null);
        String read = client.json2("res.users", "read", "{\"ids\": [" + boss + "], \"fields\": [\"group_ids\", \"all_group_ids\"]}").body();
        assertTrue(read.contains("\"group_ids\":[2]") && read.contains("\"all_group_ids\":[1,2,4]"), read);
        String admins = client.json2("res.users", "search_read", "{\"domain\": [[\"all_group_ids\", \"in\", [4]]], \"fields\": [\"login\"]}").body();
        assertTrue(admins.contains("boss@corp.test") && admins.contains("\"admin\"") && !admins.contains("clerk"), admins);
        String xmlIds = client.json2("ir.model.data", "search_read",
                "{\"domain\": [[\"module\", \"=\", \"base\"], [\"name\", \"in\", [\"group_system\", \"group_erp_manager\"]]], \"fields\": [\"res_id\"]}").body();
        assertTrue(xmlIds.contains("\"res_id\":2") && xmlIds.contains("\"res_id\":4"), xmlIds);
        String has = client.json2("res.users", "has_group", "{\"ids\": [" + boss + "], \"group_ext_id\": \"base.group_user\"}").body();
        assertEquals("true", has);
    }
}
