package nl.accountlifecycle.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.util.JsonSerialization;

/** The bundle's admin REST API, called the way an integrator calls it: HTTP with a bearer token. */
public final class AdminApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String serverUrl;

    public record Reply(int status, String body, java.net.http.HttpHeaders headers) {

        public Reply(int status, String body) {
            this(status, body, java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true));
        }

        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public Map<String, Object> json() {
            try {
                return JsonSerialization.readValue(body, new TypeReference<Map<String, Object>>() { });
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** The API of the test's realm, on the server that serves it. */
    public static AdminApi forRealm(org.keycloak.testframework.realm.ManagedRealm realm) {
        String realmUrl = realm.getBaseUrl();
        int cut = realmUrl.indexOf("/realms/");
        return new AdminApi(realmUrl.substring(0, cut), realmUrl.substring(cut + "/realms/".length()));
    }

    public AdminApi(String serverUrl, String realm) {
        this.serverUrl = serverUrl;
        this.base = serverUrl + "/admin/realms/" + realm + "/account-lifecycle/";
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    /** A GET with the given {@code Accept} header, e.g. {@code text/csv}. */
    public Reply getAccepting(String path, String accept, String token) {
        return send(request(path, token).header("Accept", accept).GET());
    }

    /** Keycloak's own admin API of the same realm ({@code /admin/realms/{realm}/...}), to compare answers. */
    public Reply getKeycloak(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.replace("account-lifecycle/", "") + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder.GET());
    }

    public Reply post(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    /** A POST whose {@code Host} header is chosen by the caller, as an attacker would (needs jdk.httpclient.allowRestrictedHeaders=host). */
    public Reply postWithHost(String path, String json, String token, String host) {
        // HTTP/1.1: over HTTP/2 the host travels as :authority and a Host header is a protocol error
        return send(request(path, token).version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json").header("Host", host)
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    /** A POST to Keycloak's own admin API of the same realm, with the given content type (e.g. a workflow in YAML). */
    public Reply postKeycloak(String path, String body, String contentType, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.replace("account-lifecycle/", "") + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder);
    }

    /** A DELETE on Keycloak's own admin API of the same realm. */
    public Reply deleteKeycloak(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.replace("account-lifecycle/", "") + path))
                .timeout(Duration.ofSeconds(30)).DELETE();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder);
    }

    public Reply put(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    public Reply delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    /** A token for a user of {@code realm}, through the realm's admin-cli client. */
    public String passwordGrant(String realm, String username, String password) {
        return passwordGrantWithHost(realm, username, password, null);
    }

    /** A token asked for through a forged {@code Host} header (or the real one when null), as an attacker would. */
    public String passwordGrantWithHost(String realm, String username, String password, String host) {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serverUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (host != null) {
            request.version(java.net.http.HttpClient.Version.HTTP_1_1).header("Host", host);
        }
        Reply reply = send(request.POST(HttpRequest.BodyPublishers.ofString(form)));
        if (reply.status() != 200) {
            throw new AssertionError("token for " + username + ": " + reply);
        }
        return (String) reply.json().get("access_token");
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
