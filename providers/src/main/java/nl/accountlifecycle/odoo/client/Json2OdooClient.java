package nl.accountlifecycle.odoo.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.accountlifecycle.support.DaemonThreads;

/**
 * Odoo 19's JSON-2 API: {@code POST /json/2/<model>/<method>} with {@code Authorization: bearer <API key>},
 * {@code X-Odoo-Database} when a database is configured, and named parameters only. Errors come back as HTTP
 * statuses with a JSON body {@code {name, message, ...}}. One {@link HttpClient} per client keeps connections
 * alive and lets several threads call at once.
 */
final class Json2OdooClient implements OdooClient {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Json2OdooClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OdooEndpoint endpoint;
    private final HttpClient http;
    /** The client's own threads, so that {@link #close()} can stop them; the JDK's default pool is never stopped. */
    private final ExecutorService executor;

    Json2OdooClient(OdooEndpoint endpoint) {
        this.endpoint = endpoint;
        this.executor = Executors.newCachedThreadPool(DaemonThreads.named("account-lifecycle-odoo-http"));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(endpoint.timeout())
                .executor(executor)
                .build();
    }

    /**
     * JSON-2 has no login step: the API key authenticates every call. This checks the key once with a
     * harmless read of the calling user and returns its id.
     */
    @Override
    public int uid() throws OdooException {
        JsonNode users = call("res.users", "search_read", Map.of(
                "domain", List.of(List.of("login", "=", endpoint.login())),
                "fields", List.of("id"),
                "context", Map.of("active_test", false)));
        return users.isArray() && users.size() > 0 ? users.get(0).path("id").asInt() : 0;
    }

    @Override
    public List<Map<String, Object>> searchRead(String model, List<Object> domain, List<String> fields,
                                                Map<String, Object> context) throws OdooException {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("domain", domain);
        params.put("fields", fields);
        params.put("context", context == null ? Map.of() : context);
        return JSON.convertValue(call(model, "search_read", params), new TypeReference<List<Map<String, Object>>>() { });
    }

    @Override
    public List<Integer> create(String model, List<Map<String, Object>> values, Map<String, Object> context)
            throws OdooException {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("vals_list", values);
        params.put("context", context == null ? Map.of() : context);
        JsonNode ids = call(model, "create", params);
        if (ids.isInt()) {
            return List.of(ids.asInt());
        }
        return JSON.convertValue(ids, new TypeReference<List<Integer>>() { });
    }

    @Override
    public void write(String model, List<Integer> ids, Map<String, Object> values, Map<String, Object> context)
            throws OdooException {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ids", ids);
        params.put("vals", values);
        params.put("context", context == null ? Map.of() : context);
        call(model, "write", params);
    }

    @Override
    public Set<String> fieldNames(String model) throws OdooException {
        JsonNode fields = call(model, "fields_get", Map.of("attributes", List.of("type")));
        Set<String> names = new LinkedHashSet<>();
        fields.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private JsonNode call(String model, String method, Map<String, Object> params) throws OdooException {
        URI uri = URI.create(endpoint.url().toString().replaceAll("/+$", "") + "/json/2/" + model + "/" + method);
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .timeout(endpoint.timeout())
                    .header("Content-Type", "application/json")
                    .header("Authorization", "bearer " + endpoint.apiKey())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(params)));
        } catch (IOException e) {
            throw new OdooException(OdooException.Kind.PROTOCOL, "cannot encode the request");
        }
        if (endpoint.database() != null && !endpoint.database().isBlank()) {
            request.header("X-Odoo-Database", endpoint.database());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // refused, reset, timed out or unknown host: one reason, so reasons do not map a network's ports
            throw new OdooException(OdooException.Kind.UNAVAILABLE, OdooException.NO_CONNECTION);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OdooException(OdooException.Kind.UNAVAILABLE, OdooException.NO_CONNECTION);
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status == 200 && body != null) {
            return body;
        }
        if (status == 502 || status == 503 || status == 504) {
            throw new OdooException(OdooException.Kind.UNAVAILABLE, "HTTP " + status);
        }
        if (body == null || !body.isObject()) {
            throw new OdooException(OdooException.Kind.PROTOCOL, "HTTP " + status + ", not a JSON-2 answer");
        }
        // Odoo's error text is read to classify, never kept: reasons carry no text a server chose
        String text = (body.path("name").asText("") + " " + body.path("message").asText("")).toLowerCase(java.util.Locale.ROOT);
        OdooException.Kind kind = switch (status) {
            case 401 -> OdooException.Kind.AUTHENTICATION;
            case 403 -> OdooException.Kind.ACCESS;
            case 422 -> OdooException.Kind.VALIDATION;
            case 404 -> text.contains("database") ? OdooException.Kind.DATABASE : OdooException.Kind.PROTOCOL;
            default -> OdooException.Kind.SERVER;
        };
        throw new OdooException(kind, "HTTP " + status);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Waits for calls in progress (at most the call timeout), then stops the client's threads. From Java 21 the
     * HttpClient closes its connections too; on Java 17 they go when the client is no longer referenced.
     */
    @Override
    public void close() {
        if (http instanceof AutoCloseable closeable) { // Java 21 and later
            try {
                closeable.close();
            } catch (Exception e) { // what it could not close goes with the client when it is no longer referenced
                LOG.debugf("closing the Odoo JSON-2 client: %s", e.toString());
            }
        }
        DaemonThreads.stop(executor, endpoint.timeout());
    }
}
