package nl.accountlifecycle.odoosim;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * The simulator's own API, for scripts and the demo: {@code GET /} lists the users as HTML, {@code /_sim/users}
 * as JSON, {@code /_sim/state} the switches and call counts, {@code /_sim/reset} empties it, and
 * {@code POST /_sim/config} sets switches ({@code rttMillis}, {@code failRate}, {@code hangMillis}, {@code titleModelMissing},
 * {@code htmlErrors}, {@code serializedFault}, {@code version}).
 */
final class ControlApi {

    private static final List<String> COLUMNS = List.of("id", "login", "name", "email", "active", "oauth_uid", "phone",
            "function", "title");

    private final ObjectMapper json = new ObjectMapper();
    private final OdooSimulator sim;
    private final Switches switches;
    private final Orm orm;

    ControlApi(OdooSimulator sim, Switches switches, Orm orm) {
        this.sim = sim;
        this.switches = switches;
        this.orm = orm;
    }

    void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
        switch (path) {
            case "/" -> SimServer.send(exchange, 200, "text/html; charset=utf-8", listing());
            case "/_sim/users" -> SimServer.send(exchange, 200, "application/json", json.writeValueAsString(sim.users()));
            case "/_sim/state" -> sendState(exchange);
            case "/_sim/reset" -> {
                sim.reset();
                sendState(exchange);
            }
            case "/_sim/config" -> {
                try {
                    configure(json.readValue(body, new TypeReference<Map<String, Object>>() { }));
                } catch (IOException | IllegalArgumentException e) {
                    SimServer.send(exchange, 400, "application/json", json.writeValueAsString(Map.of("error", e.getMessage())));
                    return;
                }
                sendState(exchange);
            }
            default -> SimServer.send(exchange, 404, "application/json", "{\"error\":\"unknown control path\"}");
        }
    }

    private void configure(Map<String, Object> config) {
        if (config.get("version") instanceof Number n) {
            sim.setVersion(n.intValue()); // first: a refused version changes nothing else
        }
        if (config.get("rttMillis") instanceof Number n) {
            switches.setRttMillis(n.intValue());
        }
        if (config.get("failRate") instanceof Number n) {
            switches.setFailRate(n.doubleValue());
        }
        if (config.get("hangMillis") instanceof Number n) {
            switches.setHangMillis(n.intValue());
        }
        if (config.get("htmlErrors") instanceof Boolean b) {
            switches.htmlErrors = b;
        }
        if (config.get("serializedFault") instanceof Boolean b) {
            switches.serializedFault = b;
        }
        if (config.get("titleModelMissing") instanceof Boolean b) {
            switches.titleModelMissing = b;
        }
    }

    private void sendState(HttpExchange exchange) throws IOException {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("version", sim.version());
        state.put("database", switches.database);
        state.put("rttMillis", switches.rttMillis);
        state.put("failRate", switches.failRate);
        state.put("hangMillis", switches.hangMillis);
        state.put("htmlErrors", switches.htmlErrors);
        state.put("serializedFault", switches.serializedFault);
        state.put("titleModelMissing", switches.titleModelMissing);
        state.put("calls", orm.counts());
        SimServer.send(exchange, 200, "application/json", json.writeValueAsString(state));
    }

    private String listing() {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Odoo simulator</title>"
                + "<style>body{font-family:sans-serif}td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left}</style>"
                + "</head><body><h1>Odoo " + sim.version() + " simulator: res.users</h1><table><tr>");
        COLUMNS.forEach(c -> html.append("<th>").append(c).append("</th>"));
        html.append("</tr>");
        for (Map<String, Object> user : sim.users()) {
            html.append("<tr>");
            COLUMNS.forEach(c -> html.append("<td>").append(escape(user.getOrDefault(c, ""))).append("</td>"));
            html.append("</tr>");
        }
        return html.append("</table></body></html>").toString();
    }

    private static String escape(Object value) {
        return XmlRpc.escape(String.valueOf(value)).replace("\"", "&quot;");
    }
}
