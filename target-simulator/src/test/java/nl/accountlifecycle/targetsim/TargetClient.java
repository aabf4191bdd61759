package nl.accountlifecycle.targetsim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;

/**
 * A test client written from RFC 7644 and the Standard Webhooks specification: raw HTTP in, status, headers and
 * parsed JSON out, independent of the simulator's own classes.
 */
final class TargetClient {

    static final String SCIM_JSON = "application/scim+json";

    final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TargetSimulator sim;
    String token = TargetSimulator.DEFAULT_SCIM_TOKEN;

    TargetClient(TargetSimulator sim) {
        this.sim = sim;
    }

    /** A SCIM request to {@code /scim/v2 + path} with the bearer token; a null body sends none. */
    HttpResponse<String> scim(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.scimBaseUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", SCIM_JSON);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)));
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    /** Creates a user and answers its id. */
    String createUser(String userName) throws Exception {
        HttpResponse<String> r = scim("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":" + json.writeValueAsString(userName) + "}");
        if (r.statusCode() != 201) {
            throw new AssertionError("create " + userName + ": " + r.statusCode() + " " + r.body());
        }
        return body(r).get("id").asText();
    }

    /** Delivers a Standard Webhooks message signed with {@code secret} at the current time. */
    HttpResponse<String> deliver(String name, String secret, String id, String payload) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        return deliver(name, id, now, new Webhook(secret).sign(id, now, payload), payload);
    }

    HttpResponse<String> deliver(String name, String id, long timestamp, String signature, String payload) throws Exception {
        return post("/webhooks/" + name, "application/json", payload,
                "webhook-id", id, "webhook-timestamp", String.valueOf(timestamp), "webhook-signature", signature);
    }
}
