package nl.accountlifecycle.odoosim;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * Odoo 19's JSON-2: {@code POST /json/2/<model>/<method>} with {@code Authorization: bearer <API key>}, named
 * parameters in a JSON object, the bare result as the body, and errors as {@code serialize_exception} bodies with
 * Odoo's HTTP status (addons/rpc/controllers/json2.py, odoo/http.py {@code Json2Dispatcher},
 * odoo/addons/base/models/ir_http.py {@code _auth_method_bearer}).
 */
final class Json2Endpoint {

    private static final String JSON = "application/json; charset=utf-8";

    private final ObjectMapper json = new ObjectMapper();
    private final OdooStore store;
    private final Orm orm;
    private final Switches switches;

    Json2Endpoint(OdooStore store, Orm orm, Switches switches) {
        this.store = store;
        this.orm = orm;
        this.switches = switches;
    }

    void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
        try {
            String[] parts = path.substring("/json/2/".length()).split("/");
            if (parts.length != 2 || parts[0].isEmpty()) {
                // the catch-all route is auth='public': no key needed for this 404
                throw new OdooError(OdooError.Kind.NOT_FOUND, "Did you mean POST /json/2/<model>/<method>?");
            }
            authenticate(exchange);
            Map<String, Object> params = parse(body);
            String model = parts[0];
            String method = parts[1];
            synchronized (store) {
                if (!store.odooVersion().hasModel(model)) {
                    throw new OdooError(OdooError.Kind.NOT_FOUND, "the model '" + model + "' does not exist");
                }
            }
            if (!Orm.knows(method)) {
                throw new OdooError(OdooError.Kind.NOT_FOUND, "The method '" + model + "." + method + "' does not exist");
            }
            Object ids = params.get("ids");
            if (Orm.MODEL_METHODS.contains(method) && ids instanceof List<?> l && !l.isEmpty()) {
                throw new OdooError(OdooError.Kind.UNPROCESSABLE, "cannot call " + model + "." + method + " with ids");
            }
            SimServer.send(exchange, 200, JSON, json.writeValueAsString(orm.call(model, method, params)));
        } catch (OdooError e) {
            SimServer.send(exchange, e.kind.httpStatus, JSON, json.writeValueAsString(errorBody(e)));
        }
    }

    /** {@code Unauthorized("Invalid apikey")} or, without a bearer header, the "User not authenticated" one. */
    private void authenticate(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "bearer ", 0, 7) || auth.substring(7).isBlank()) {
            throw new OdooError(OdooError.Kind.UNAUTHORIZED,
                    "User not authenticated, use an API Key with a Bearer Authorization header.");
        }
        if (!switches.apiKey.equals(auth.substring(7).strip())) {
            throw new OdooError(OdooError.Kind.UNAUTHORIZED, "Invalid apikey");
        }
        String db = exchange.getRequestHeaders().getFirst("X-Odoo-Database");
        if (db != null && !switches.database.equals(db)) {
            throw new OdooError(OdooError.Kind.NOT_FOUND, "Database " + db + " not found");
        }
    }

    private Map<String, Object> parse(byte[] body) {
        if (body.length == 0) {
            return Map.of();
        }
        try {
            return json.readValue(body, new TypeReference<Map<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new OdooError(OdooError.Kind.BAD_REQUEST, "could not parse the body as json: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new OdooError(OdooError.Kind.BAD_REQUEST, "could not parse the body as json: " + e.getMessage());
        }
    }

    /** {@code serialize_exception}: a werkzeug exception's arguments are {@code (description, code)}. */
    private static Map<String, Object> errorBody(OdooError e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("name", e.kind.pythonName);
        error.put("message", e.getMessage());
        error.put("arguments", e.kind.http() ? List.of(e.getMessage(), e.kind.httpStatus) : List.of(e.getMessage()));
        error.put("context", Map.of());
        error.put("debug", "Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/odoo/http.py\"\n"
                + e.kind.pythonName + ": " + e.getMessage() + "\n");
        return error;
    }
}
