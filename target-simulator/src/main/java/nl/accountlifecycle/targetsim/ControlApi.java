package nl.accountlifecycle.targetsim;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpExchange;

/**
 * The simulator's own API under {@code /_sim/}, for tests, scripts and the demo:
 * <ul>
 *   <li>{@code GET /_sim/config}: the switches; {@code POST /_sim/config}: a partial update of them (see
 *   {@link Switches#configure}), plus {@code "portClosedForMs": N} to refuse connections for N ms;</li>
 *   <li>{@code GET /_sim/state}: the switches and how much arrived (also the readiness probe);</li>
 *   <li>{@code POST /_sim/reset}: empties users, groups and webhook messages; the switches, the webhook secrets
 *   and the credentials and tokens stay, so a script's setup survives a reset between cases;</li>
 *   <li>{@code POST /_sim/webhook-secret} {@code {"name": ..., "secret": "whsec_..."}};</li>
 *   <li>{@code GET /_sim/webhooks}: the receivers' counts; {@code GET /_sim/webhooks/{name}}: its messages;</li>
 *   <li>{@code GET /_sim/users}, {@code GET /_sim/groups}: the SCIM resources as JSON.</li>
 * </ul>
 */
final class ControlApi {

    private final TargetSimulator sim;
    private final Switches switches;
    private final WebhookReceiver webhooks;
    private final ScimStore store;

    ControlApi(TargetSimulator sim, Switches switches, WebhookReceiver webhooks, ScimStore store) {
        this.sim = sim;
        this.switches = switches;
        this.webhooks = webhooks;
        this.store = store;
    }

    void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        try {
            switch (path) {
                case "/_sim/config" -> {
                    if (method.equals("POST")) {
                        configure(body);
                    } else {
                        require(exchange, "GET");
                    }
                    Http.sendJson(exchange, 200, switches.state());
                }
                case "/_sim/state" -> {
                    require(exchange, "GET");
                    Http.sendJson(exchange, 200, state());
                }
                case "/_sim/reset" -> {
                    require(exchange, "POST");
                    sim.reset();
                    Http.sendJson(exchange, 200, state());
                }
                case "/_sim/webhook-secret" -> {
                    require(exchange, "POST");
                    Map<String, Object> request = Http.JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
                    Object name = request.get("name");
                    webhooks.setSecret(name == null ? null : String.valueOf(name),
                            request.get("secret") == null ? null : String.valueOf(request.get("secret")));
                    Http.sendJson(exchange, 200, Map.of("name", name, "configured", true));
                }
                case "/_sim/webhooks" -> {
                    require(exchange, "GET");
                    Http.sendJson(exchange, 200, webhooks.summary());
                }
                case "/_sim/users" -> {
                    require(exchange, "GET");
                    Http.sendJson(exchange, 200, store.list(Kind.USER, null));
                }
                case "/_sim/groups" -> {
                    require(exchange, "GET");
                    Http.sendJson(exchange, 200, store.list(Kind.GROUP, null));
                }
                default -> {
                    if (!path.matches("/_sim/webhooks/[^/]+")) {
                        Http.sendJson(exchange, 404, Map.of("error", "unknown control path " + path));
                        return;
                    }
                    require(exchange, "GET");
                    String name = path.substring("/_sim/webhooks/".length());
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("name", name);
                    answer.putAll(webhooks.summary().getOrDefault(name, Map.of("accepted", 0, "duplicates", 0, "rejected", 0)));
                    answer.put("messages", webhooks.messages(name));
                    Http.sendJson(exchange, 200, answer);
                }
            }
        } catch (MethodNotAllowed e) {
            exchange.getResponseHeaders().set("Allow", e.getMessage());
            Http.sendJson(exchange, 405, Map.of("error", method + " is not allowed on " + path + "; use " + e.getMessage()));
        } catch (IOException | IllegalArgumentException e) {
            Http.sendJson(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private void configure(byte[] body) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>(Http.JSON.readValue(body, new TypeReference<Map<String, Object>>() { }));
        Object closedFor = config.remove("portClosedForMs");
        if (closedFor != null && !(closedFor instanceof Integer n && n > 0)) {
            throw new IllegalArgumentException("portClosedForMs must be a whole number of milliseconds above 0");
        }
        switches.configure(config);
        if (closedFor != null) {
            sim.closePortFor((Integer) closedFor);
        }
    }

    private Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>(switches.state());
        state.put("users", store.size(Kind.USER));
        state.put("groups", store.size(Kind.GROUP));
        state.put("webhooks", webhooks.summary());
        return state;
    }

    private static void require(HttpExchange exchange, String method) {
        if (!exchange.getRequestMethod().equals(method)) {
            throw new MethodNotAllowed(method);
        }
    }

    private static final class MethodNotAllowed extends RuntimeException {
        MethodNotAllowed(String allowed) {
            super(allowed);
        }
    }
}
