package nl.accountlifecycle.targetsim;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * The SCIM 2.0 protocol (RFC 7644) under {@code /scim/v2}: bearer-token authentication, {@code /Users} and
 * {@code /Groups} with POST, GET (one or a filtered, paged list), PUT, PATCH and DELETE, and the discovery
 * endpoints. Requests may be {@code application/scim+json} or {@code application/json}; answers are
 * {@code application/scim+json}, errors use the Error schema (§3.12).
 */
final class ScimEndpoint {

    static final String BASE = "/scim/v2";
    static final String SCIM_TYPE = "application/scim+json";
    /** The most resources one list answer holds; also the ServiceProviderConfig's filter.maxResults. */
    static final int MAX_RESULTS = 200;

    private final ScimStore store;
    private final OAuthTokens tokens;
    private final Discovery discovery;

    ScimEndpoint(ScimStore store, OAuthTokens tokens, Discovery discovery) {
        this.store = store;
        this.tokens = tokens;
        this.discovery = discovery;
    }

    /** {@code path} is what follows {@code /scim/v2}. */
    void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
        try {
            String[] segments = path.replaceAll("^/+|/+$", "").split("/");
            String endpoint = segments[0];
            String id = segments.length > 1 ? segments[1] : null;
            String method = exchange.getRequestMethod();
            if (segments.length > 2) {
                throw new ScimError(404, null, "no such endpoint: " + path);
            }
            if (Discovery.handles(endpoint)) {
                requireMethod(exchange, "GET");
                send(exchange, 200, discovery.answer(endpoint, id));
                return;
            }
            authenticate(exchange);
            Kind kind = endpoint.equalsIgnoreCase("Users") ? Kind.USER : endpoint.equalsIgnoreCase("Groups") ? Kind.GROUP : null;
            if (kind == null) {
                boolean optional = endpoint.equals("Bulk") || endpoint.equals("Me") || endpoint.equals(".search");
                throw new ScimError(optional ? 501 : 404, null, optional ? "/" + endpoint + " is not supported" : "no such endpoint: " + path);
            }
            if (id == null) {
                switch (method) {
                    case "GET" -> send(exchange, 200, list(kind, query(exchange)));
                    case "POST" -> {
                        ObjectNode created = store.create(kind, parse(exchange, body));
                        exchange.getResponseHeaders().set("Location", created.get("meta").get("location").asText());
                        send(exchange, 201, created);
                    }
                    default -> throw notAllowed(exchange, "GET, POST");
                }
                return;
            }
            switch (method) {
                case "GET" -> send(exchange, 200, store.get(kind, id));
                case "PUT" -> send(exchange, 200, store.replace(kind, id, parse(exchange, body)));
                // Choice the RFC leaves open (§3.5.2: 200 with the resource or 204): 200 with the resource
                case "PATCH" -> send(exchange, 200, store.patch(kind, id, parse(exchange, body)));
                case "DELETE" -> {
                    store.delete(kind, id);
                    Http.noContent(exchange);
                }
                default -> throw notAllowed(exchange, "GET, PUT, PATCH, DELETE");
            }
        } catch (ScimError e) {
            send(exchange, e.status, e.toJson());
        }
    }

    static ObjectNode listResponse(int total, int startIndex, List<ObjectNode> page) {
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        list.put("totalResults", total).put("itemsPerPage", page.size()).put("startIndex", startIndex);
        list.putArray("Resources").addAll(page);
        return list;
    }

    /**
     * §3.4.2: a filtered, paged list. startIndex below 1 counts as 1 and a negative count as 0 (§3.4.2.4); a count
     * above {@link #MAX_RESULTS} gets {@link #MAX_RESULTS} resources. Sorting and the {@code attributes} and
     * {@code excludedAttributes} parameters are not supported and ignored; every resource comes back whole.
     */
    private ObjectNode list(Kind kind, Map<String, String> query) {
        String filterText = query.get("filter");
        ScimFilter filter = filterText == null || filterText.isBlank() ? null : ScimFilter.parse(filterText, kind);
        int startIndex = Math.max(1, intParam(query, "startIndex", 1));
        int count = Math.min(MAX_RESULTS, Math.max(0, intParam(query, "count", MAX_RESULTS)));
        List<ObjectNode> all = store.list(kind, filter);
        int from = Math.min(all.size(), startIndex - 1);
        return listResponse(all.size(), startIndex, all.subList(from, Math.min(all.size(), from + count)));
    }

    private void authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!bearer || !tokens.accepts(header.substring(7).strip())) {
            // RFC 6750 §3: the challenge, with invalid_token when a token was sent
            exchange.getResponseHeaders().set("WWW-Authenticate",
                    bearer ? "Bearer realm=\"scim\", error=\"invalid_token\"" : "Bearer realm=\"scim\"");
            throw new ScimError(401, null, bearer ? "the bearer token is not valid" : "a bearer token is required");
        }
    }

    private static JsonNode parse(HttpExchange exchange, byte[] body) {
        if (!Http.isJson(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            // RFC 7644 §3.1 / §8.1: application/scim+json, or application/json; anything else is 415
            throw new ScimError(415, null, "send application/scim+json or application/json");
        }
        try {
            JsonNode node = Http.JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ScimError.invalidSyntax("the request body is empty");
            }
            return node;
        } catch (JacksonException e) {
            throw ScimError.invalidSyntax("the request body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ScimError.invalidSyntax("the request body could not be read: " + e.getMessage());
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        try {
            return Http.query(exchange);
        } catch (IllegalArgumentException e) {
            throw ScimError.invalidSyntax("the query string is not properly percent-encoded: " + e.getMessage());
        }
    }

    private static int intParam(Map<String, String> query, String name, int fallback) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ScimError.invalidValue("'" + name + "' must be an integer, not '" + value + "'");
        }
    }

    private static void requireMethod(HttpExchange exchange, String allowed) {
        if (!exchange.getRequestMethod().equals(allowed)) {
            throw notAllowed(exchange, allowed);
        }
    }

    private static ScimError notAllowed(HttpExchange exchange, String allowed) {
        exchange.getResponseHeaders().set("Allow", allowed);
        return new ScimError(405, null, exchange.getRequestMethod() + " is not allowed here; use " + allowed);
    }

    static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        Http.send(exchange, status, SCIM_TYPE, Http.JSON.writeValueAsString(body));
    }
}
