package nl.accountlifecycle.odoosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire shapes, checked over real HTTP with hand-written bodies. */
class OdooSimulatorTest {

    OdooSimulator sim;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        sim = OdooSimulator.start(0);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String call(String method, String... params) {
        StringBuilder s = new StringBuilder("<?xml version='1.0'?><methodCall><methodName>" + method + "</methodName><params>");
        for (String p : params) {
            s.append("<param><value>").append(p).append("</value></param>");
        }
        return s.append("</params></methodCall>").toString();
    }

    private String executeKw(String key, String model, String method, String args, String kwargs) throws Exception {
        return post("/xmlrpc/2/object", "text/xml", call("execute_kw", "<string>odoo</string>", "<int>2</int>",
                "<string>" + key + "</string>", "<string>" + model + "</string>", "<string>" + method + "</string>",
                args, kwargs)).body();
    }

    static final String USER_VALS = "<array><data><value><struct>"
            + "<member><name>login</name><value><string>jan@example.org</string></value></member>"
            + "<member><name>name</name><value><string>Jan van Berg</string></value></member>"
            + "<member><name>phone</name><value><string>020 123</string></value></member>"
            + "</struct></value></data></array>";

    @Test
    void authenticateGivesUidOrFalse() throws Exception {
        String ok = post("/xmlrpc/2/common", "text/xml", call("authenticate", "<string>odoo</string>",
                "<string>admin</string>", "<string>sim-api-key</string>", "<struct></struct>")).body();
        assertTrue(ok.contains("<int>2</int>"), ok);
        String bad = post("/xmlrpc/2/common", "text/xml", call("authenticate", "<string>odoo</string>",
                "<string>admin</string>", "<string>wrong</string>", "<struct></struct>")).body();
        assertTrue(bad.contains("<boolean>0</boolean>") && !bad.contains("<fault>"), bad);
        String noDb = post("/xmlrpc/2/common", "text/xml", call("authenticate", "<string>nope</string>",
                "<string>admin</string>", "<string>sim-api-key</string>", "<struct></struct>")).body();
        assertTrue(noDb.contains("<name>faultCode</name><value><int>1</int>") && noDb.contains("database \"nope\" does not exist"), noDb);
    }

    @Test
    void xmlRpcFaultsAndPartnerDelegation() throws Exception {
        String created = executeKw("sim-api-key", "res.users", "create", "<array><data><value>" + USER_VALS + "</value></data></array>", "<struct></struct>");
        assertTrue(created.contains("<array><data><value><int>"), created);
        String dup = executeKw("sim-api-key", "res.users", "create", "<array><data><value>" + USER_VALS + "</value></data></array>", "<struct></struct>");
        assertTrue(dup.contains("<int>2</int>") && dup.contains("You can not have two users with the same login!"), dup);
        String denied = executeKw("wrong", "res.users", "search", "<array><data></data></array>", "<struct></struct>");
        assertTrue(denied.contains("<int>3</int>") && denied.contains("Access Denied"), denied);
        String read = executeKw("sim-api-key", "res.users", "search_read",
                "<array><data><value><array><data><value><array><data><value><string>login</string></value><value><string>=</string></value><value><string>jan@example.org</string></value></data></array></value></data></array></value></data></array>",
                "<struct><member><name>fields</name><value><array><data><value><string>phone</string></value><value><string>partner_id</string></value></data></array></value></member></struct>");
        assertTrue(read.contains("<string>020 123</string>"), "phone lives on the partner: " + read);
        assertTrue(read.contains("<name>partner_id</name><value><array><data><value><int>"), "many2one as [id, name]: " + read);
    }

    @Test
    void groupsImplyGroupsAsInOdoo() throws Exception {
        int boss = sim.createUser("boss@corp.test", "Boss", "boss@corp.test", java.util.List.of(OdooSimulator.GROUP_SYSTEM), null);
        int clerk = sim.createUser("clerk@corp.test", "Clerk", "clerk@corp.test", java.util.List.of(OdooSimulator.GROUP_SALES), null);
        assertTrue(sim.hasGroup(boss, "base.group_system"));
        assertTrue(sim.hasGroup(boss, "base.group_erp_manager"), "group_system implies group_erp_manager");
        assertTrue(sim.hasGroup(boss, "base.group_user"));
        assertTrue(!sim.hasGroup(clerk, "base.group_erp_manager") && sim.hasGroup(clerk, "base.group_user"));
        // Odoo 17: groups_id holds the implied groups too; has_group over XML-RPC
        String groups17 = executeKw("sim-api-key", "res.users", "read", "<array><data><value><array><data><value><int>" + boss
                + "</int></value></data></array></value><value><array><data><value><string>groups_id</string></value></data></array></value></data></array>",
                "<struct></struct>");
        assertTrue(groups17.contains("<int>4</int>") && groups17.contains("<int>1</int>"), groups17);
        String has = executeKw("sim-api-key", "res.users", "has_group", "<array><data><value><array><data><value><int>" + boss
                + "</int></value></data></array></value><value><string>base.group_erp_manager</string></value></data></array>", "<struct></struct>");
        assertTrue(has.contains("<boolean>1</boolean>"), has);
        // Odoo 19: group_ids as assigned, all_group_ids with the implied ones; XML ids in ir.model.data
        sim.setVersion(19);
        String read19 = post("/json/2/res.users/read", "application/json", "{\"ids\": [" + boss + "], \"fields\": [\"group_ids\", \"all_group_ids\"]}",
                "Authorization", "bearer sim-api-key").body();
        assertTrue(read19.contains("\"group_ids\":[2]") && read19.contains("\"all_group_ids\":[1,2,4]"), read19);
        String admins = post("/json/2/res.users/search_read", "application/json", "{\"domain\": [[\"all_group_ids\", \"in\", [4]]], \"fields\": [\"login\"]}",
                "Authorization", "bearer sim-api-key").body();
        assertTrue(admins.contains("boss@corp.test") && admins.contains("\"admin\"") && !admins.contains("clerk"), admins);
        String xmlIds = post("/json/2/ir.model.data/search_read", "application/json",
                "{\"domain\": [[\"module\", \"=\", \"base\"], [\"name\", \"in\", [\"group_system\", \"group_erp_manager\"]]], \"fields\": [\"res_id\"]}",
                "Authorization", "bearer sim-api-key").body();
        assertTrue(xmlIds.contains("\"res_id\":2") && xmlIds.contains("\"res_id\":4"), xmlIds);
    }

    @Test
    void activeTestHidesArchivedUsers() {
        int id = sim.createUser("old@example.org", "Old", "old@example.org");
        assertEquals(1, sim.users().stream().filter(u -> "old@example.org".equals(u.get("login"))).count());
        // archive through the ORM as the sync does
        sim.reset();
        assertEquals(1, sim.users().size(), "only the administrator after a reset");
        assertTrue(id > 2);
    }

    @Test
    void json2StatusCodesAndBodies() throws Exception {
        sim.setVersion(19);
        HttpResponse<String> unauthorized = post("/json/2/res.users/search", "application/json", "{\"domain\":[]}",
                "Authorization", "bearer wrong");
        assertEquals(401, unauthorized.statusCode());
        assertTrue(unauthorized.body().contains("\"name\":\"werkzeug.exceptions.Unauthorized\""), unauthorized.body());
        String vals = "{\"vals_list\":[{\"login\":\"a@example.org\",\"name\":\"A\"}],\"context\":{}}";
        HttpResponse<String> created = post("/json/2/res.users/create", "application/json", vals, "Authorization", "bearer sim-api-key",
                "X-Odoo-Database", "odoo");
        assertEquals(200, created.statusCode(), created.body());
        assertTrue(created.body().matches("\\[\\d+]"), created.body());
        HttpResponse<String> dup = post("/json/2/res.users/create", "application/json", vals, "Authorization", "Bearer sim-api-key");
        assertEquals(422, dup.statusCode());
        assertTrue(dup.body().contains("odoo.exceptions.ValidationError") && dup.body().contains("same login"), dup.body());
        HttpResponse<String> mobile = post("/json/2/res.partner/create", "application/json",
                "{\"vals_list\":[{\"name\":\"B\",\"mobile\":\"06\"}]}", "Authorization", "bearer sim-api-key");
        assertEquals(500, mobile.statusCode(), "Odoo 19 has no partner mobile: " + mobile.body());
        assertTrue(mobile.body().contains("Invalid field 'mobile' on model 'res.partner'"), mobile.body());
        sim.setVersion(17);
        assertEquals(404, post("/json/2/res.users/search", "application/json", "{}", "Authorization", "bearer sim-api-key").statusCode(),
                "no JSON-2 before Odoo 19");
    }

    @Test
    void switches() throws Exception {
        sim.setHtmlErrors(true);
        HttpResponse<String> html = post("/xmlrpc/2/common", "text/xml", call("version"));
        assertEquals(502, html.statusCode());
        assertTrue(html.body().startsWith("<html>"));
        sim.setHtmlErrors(false);
        sim.setRttMillis(50);
        long start = System.nanoTime();
        post("/xmlrpc/2/common", "text/xml", call("version"));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 50, "round trip includes the set delay");
        sim.setRttMillis(0);
        sim.setSerializedFault(true);
        String fault = executeKw("wrong", "res.users", "search", "<array><data></data></array>", "<struct></struct>");
        assertTrue(fault.contains("<ex:serializable>"), fault);
        sim.setSerializedFault(false);
        sim.setDown(true);
        assertThrows(ConnectException.class, () -> post("/xmlrpc/2/common", "text/xml", call("version")));
        sim.setDown(false);
        assertEquals(200, post("/xmlrpc/2/common", "text/xml", call("version")).statusCode());
    }
}
