package nl.accountlifecycle.odoosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import nl.accountlifecycle.odoosim.SimClient.Fault;

/** XML-RPC as Odoo writes it: Python's marshaller, fault codes 1 to 4, partner delegation. */
class XmlRpcWireTest {

    OdooSimulator sim;
    SimClient rpc;

    @BeforeEach
    void start() throws Exception {
        sim = OdooSimulator.start(0);
        rpc = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    @DisplayName("a result and a fault come out byte for byte as Python's marshaller and Odoo 19's dumps() write them")
    void marshallerFormat() throws Exception {
        assertEquals("<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param>\n<value><int>2</int></value>\n</param>\n"
                + "</params>\n\n</methodResponse>\n", rpc.rawCall("common", "authenticate", "odoo", "admin", "sim-api-key", Map.of()));
        assertEquals("<?xml version=\"1.0\"?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n"
                + "<value><int>3</int></value>\n</member>\n<member>\n<name>faultString</name>\n"
                + "<value><string>Access Denied</string></value>\n</member>\n</struct></value>\n</fault>\n\n</methodResponse>\n",
                rpc.rawCall("object", "execute_kw", "odoo", 2, "wrong", "res.users", "search", List.of(List.of()), Map.of()));
    }

    @Test
    @DisplayName("authenticate gives the uid, or False for a wrong key or a login in other case; an unknown database is fault 1")
    void authenticate() throws Exception {
        assertEquals(2, rpc.call("common", "authenticate", "odoo", "admin", "sim-api-key", Map.of()));
        assertEquals(false, rpc.call("common", "authenticate", "odoo", "admin", "wrong", Map.of()));
        assertEquals(false, rpc.call("common", "authenticate", "odoo", "Admin", "sim-api-key", Map.of()), "logins are case-sensitive");
        Fault noDb = (Fault) rpc.call("common", "authenticate", "nope", "admin", "sim-api-key", Map.of());
        assertEquals(1, noDb.code());
        assertTrue(noDb.string().startsWith("Traceback") && noDb.string().contains("database \"nope\" does not exist"), noDb.string());
    }

    @Test
    @DisplayName("fault codes: 3 Access Denied, 2 for an unknown model (a UserError), 2 for a missing record, 1 with a traceback for a bad field or method")
    void faultCodes() throws Exception {
        assertEquals(new Fault(3, "Access Denied"), rpc.executeKw("wrong", "res.users", "search", List.of(List.of()), Map.of()));
        assertEquals(new Fault(2, "Object res.nope doesn't exist"), rpc.executeKw("res.nope", "search", List.of(List.of()), Map.of()));
        assertEquals(new Fault(2, "Record does not exist or has been deleted.\n(Record: res.users(999,), User: 2)"),
                rpc.executeKw("res.users", "write", List.of(List.of(999), Map.of("name", "X")), Map.of()));
        Fault field = (Fault) rpc.executeKw("res.users", "read", List.of(List.of(2), List.of("nope")), Map.of());
        assertEquals(1, field.code());
        assertTrue(field.string().endsWith("ValueError: Invalid field 'nope' on model 'res.users'\n"), field.string());
        Fault method = (Fault) rpc.executeKw("res.users", "unlink_all", List.of(), Map.of());
        assertEquals(1, method.code());
        assertTrue(method.string().endsWith("AttributeError: The method 'res.users.unlink_all' does not exist\n"), method.string());
    }

    @Test
    @DisplayName("a user's phone lives on its partner, and many2one fields read as [id, name]")
    void partnerDelegation() throws Exception {
        Object id = rpc.executeKw("res.users", "create", List.of(List.of(Map.of("login", "jan@example.org", "name",
                "Jan van Berg", "phone", "020 123"))), Map.of());
        int user = ((List<?>) id).stream().map(Integer.class::cast).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) rpc.executeKw("res.users", "read",
                List.of(List.of(user), List.of("phone", "partner_id")), Map.of())).get(0);
        assertEquals("020 123", row.get("phone"));
        List<?> partner = (List<?>) row.get("partner_id");
        assertEquals("Jan van Berg", partner.get(1));
        @SuppressWarnings("unchecked")
        Map<String, Object> viaPartner = ((List<Map<String, Object>>) rpc.executeKw("res.partner", "read",
                List.of(List.of(partner.get(0)), List.of("phone")), Map.of())).get(0);
        assertEquals("020 123", viaPartner.get("phone"));
    }

    @Test
    @DisplayName("a create of several users is all or nothing")
    void createIsAllOrNothing() throws Exception {
        Fault dup = (Fault) rpc.executeKw("res.users", "create", List.of(List.of(Map.of("login", "a@example.org"),
                Map.of("login", "b@example.org"), Map.of("login", "a@example.org"))), Map.of());
        assertEquals(2, dup.code());
        assertEquals(List.of(), rpc.executeKw("res.users", "search", List.of(List.of(List.of("login", "in",
                List.of("a@example.org", "b@example.org")))), Map.of()));
        assertEquals(1, sim.users().size(), "only the administrator");
    }
}
