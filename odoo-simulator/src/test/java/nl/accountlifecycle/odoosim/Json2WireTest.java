package nl.accountlifecycle.odoosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON-2 as Odoo 19 answers it: bare results, and serialize_exception bodies with Odoo's HTTP status. */
class Json2WireTest {

    final ObjectMapper json = new ObjectMapper();
    OdooSimulator sim;
    SimClient client;

    @BeforeEach
    void start() throws Exception {
        sim = OdooSimulator.start(0, "odoo", "admin", "sim-api-key", 19);
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Map<?, ?> body(HttpResponse<String> response) throws Exception {
        return json.readValue(response.body(), Map.class);
    }

    @Test
    @DisplayName("a wrong key is 401 werkzeug Unauthorized 'Invalid apikey' with arguments [description, code]; no key says how to authenticate")
    void unauthorized() throws Exception {
        HttpResponse<String> wrong = client.json2("res.users", "search", "{\"domain\":[]}", "Authorization", "bearer wrong");
        assertEquals(401, wrong.statusCode());
        Map<?, ?> error = body(wrong);
        assertEquals("werkzeug.exceptions.Unauthorized", error.get("name"));
        assertEquals("Invalid apikey", error.get("message"));
        assertEquals(List.of("Invalid apikey", 401), error.get("arguments"));
        assertEquals(Map.of(), error.get("context"));
        assertTrue(String.valueOf(error.get("debug")).startsWith("Traceback"), error.toString());
        HttpResponse<String> none = client.json2("res.users", "search", "{}", "X-Other", "1");
        assertEquals(401, none.statusCode());
        assertEquals("User not authenticated, use an API Key with a Bearer Authorization header.", body(none).get("message"));
    }

    @Test
    @DisplayName("results are bare JSON: a create gives the ids, a search the ids, a read the rows")
    void bareResults() throws Exception {
        HttpResponse<String> created = client.json2("res.users", "create",
                "{\"vals_list\":[{\"login\":\"a@example.org\",\"name\":\"A\"}],\"context\":{}}",
                "Authorization", "Bearer sim-api-key", "X-Odoo-Database", "odoo");
        assertEquals(200, created.statusCode(), created.body());
        assertTrue(created.body().matches("\\[\\d+]"), created.body());
        HttpResponse<String> read = client.json2("res.users", "search_read",
                "{\"domain\":[[\"login\",\"=\",\"a@example.org\"]],\"fields\":[\"name\",\"partner_id\"]}");
        assertTrue(read.body().matches("\\[\\{\"id\":\\d+,\"name\":\"A\",\"partner_id\":\\[\\d+,\"A\"]}]"), read.body());
    }

    @Test
    @DisplayName("404s: an unknown model or method (werkzeug NotFound, as json2.py words them), a path that is not model/method even without a key")
    void notFound() throws Exception {
        HttpResponse<String> model = client.json2("res.nope", "search", "{}");
        assertEquals(404, model.statusCode());
        assertEquals("the model 'res.nope' does not exist", body(model).get("message"));
        assertEquals(List.of("the model 'res.nope' does not exist", 404), body(model).get("arguments"));
        HttpResponse<String> method = client.json2("res.users", "unlink_all", "{}");
        assertEquals(404, method.statusCode());
        assertEquals("The method 'res.users.unlink_all' does not exist", body(method).get("message"));
        HttpResponse<String> path = client.post("/json/2/res.users", "application/json", "{}");
        assertEquals(404, path.statusCode());
        assertEquals("Did you mean POST /json/2/<model>/<method>?", body(path).get("message"));
        HttpResponse<String> db = client.json2("res.users", "search", "{}", "Authorization", "bearer sim-api-key",
                "X-Odoo-Database", "other");
        assertEquals(404, db.statusCode());
        assertTrue(String.valueOf(body(db).get("message")).contains("other"), db.body());
    }

    @Test
    @DisplayName("4xx for the request: 400 for a body that is not JSON, 422 for ids on a model method, 404 MissingError for a deleted record")
    void badRequests() throws Exception {
        HttpResponse<String> notJson = client.json2("res.users", "search", "{nope");
        assertEquals(400, notJson.statusCode());
        assertEquals("werkzeug.exceptions.BadRequest", body(notJson).get("name"));
        assertTrue(String.valueOf(body(notJson).get("message")).startsWith("could not parse the body as json: "), notJson.body());
        HttpResponse<String> ids = client.json2("res.users", "create", "{\"ids\":[2],\"vals_list\":[{\"login\":\"x\"}]}");
        assertEquals(422, ids.statusCode());
        assertEquals("cannot call res.users.create with ids", body(ids).get("message"));
        HttpResponse<String> missing = client.json2("res.users", "write", "{\"ids\":[999],\"vals\":{\"name\":\"X\"}}");
        assertEquals(404, missing.statusCode());
        assertEquals("odoo.exceptions.MissingError", body(missing).get("name"));
    }

    @Test
    @DisplayName("Odoo's exceptions: 422 ValidationError for a taken login, 500 ValueError for a field 19 does not have")
    void odooExceptions() throws Exception {
        String vals = "{\"vals_list\":[{\"login\":\"a@example.org\",\"name\":\"A\"}]}";
        assertEquals(200, client.json2("res.users", "create", vals).statusCode());
        HttpResponse<String> dup = client.json2("res.users", "create", vals);
        assertEquals(422, dup.statusCode());
        assertEquals("odoo.exceptions.ValidationError", body(dup).get("name"));
        assertEquals("The operation cannot be completed: You can not have two users with the same login!", body(dup).get("message"));
        assertEquals(List.of(body(dup).get("message")), body(dup).get("arguments"));
        HttpResponse<String> mobile = client.json2("res.partner", "create", "{\"vals_list\":[{\"name\":\"B\",\"mobile\":\"06\"}]}");
        assertEquals(500, mobile.statusCode(), "Odoo 19 has no partner mobile: " + mobile.body());
        assertEquals("builtins.ValueError", body(mobile).get("name"));
        assertEquals("Invalid field 'mobile' on model 'res.partner'", body(mobile).get("message"));
    }

    @Test
    @DisplayName("before 19 there is no JSON-2: 404 HTML, as for any unknown route")
    void noJson2Before19() throws Exception {
        sim.setVersion(18);
        HttpResponse<String> old = client.json2("res.users", "search", "{}");
        assertEquals(404, old.statusCode());
        assertTrue(old.body().startsWith("<!doctype html>"), old.body());
    }
}
