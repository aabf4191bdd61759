package nl.accountlifecycle.targets;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.accountlifecycle.support.BundleInfo;
import nl.accountlifecycle.support.Clock;

/**
 * The SCIM 2.0 protocol over {@code java.net.http} with Jackson (both in Keycloak already, so nothing is shaded into
 * the bundle for it): requests as RFC 7644 defines them, a bearer token or an OAuth2 client-credentials token
 * (cached per target until shortly before it expires, dropped on a 401), and the target's discovery (PATCH support
 * and the Enterprise User extension), cached per target for ten minutes.
 */
final class ScimClient {

    static final String WHO = "the SCIM target";
    static final String MEDIA = "application/scim+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DISCOVERY_MILLIS = 10 * 60 * 1000;

    /** An answer: its status and body (empty when none or not JSON), or the network fault's reason. */
    record Reply(int status, JsonNode body, Long retryAfterMillis, String fault) {

        boolean ok() {
            return fault == null && status >= 200 && status < 300;
        }

        Outcome failure() {
            return fault != null ? Outcome.failed(fault) : new Outcome(false, WHO + " answered HTTP " + status, retryAfterMillis, false);
        }
    }

    /** What a target supports, as its discovery endpoints say. */
    record Features(boolean patch, boolean enterprise, long until) {
    }

    private record Token(String key, String value, long until) {
    }

    private final TargetHttp http;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Features> features = new ConcurrentHashMap<>();

    ScimClient(TargetHttp http) {
        this.http = http;
    }

    /** One request to the target: {@code path} under the base URL, a JSON body or none. */
    CompletableFuture<Reply> call(Target target, String method, String path, Object body) {
        return token(target).thenCompose(token -> {
            if (token.fault() != null) {
                return CompletableFuture.completedFuture(token);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.base() + path)).timeout(http.timeout())
                    .header("Accept", MEDIA + ", application/json")
                    .header("User-Agent", "account-lifecycle/" + BundleInfo.get().version())
                    .header("Authorization", "Bearer " + token.body().asText());
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", MEDIA).method(method, HttpRequest.BodyPublishers.ofString(write(body)));
            }
            return send(request.build()).thenApply(reply -> {
                if (reply.status() == 401) {
                    tokens.remove(target.id());
                }
                return reply;
            });
        });
    }

    /** The target's features, read from {@code /ServiceProviderConfig} and {@code /Schemas} at most every ten minutes. */
    CompletableFuture<Features> features(Target target) {
        Features known = features.get(target.id());
        if (known != null && known.until() > Clock.millis()) {
            return CompletableFuture.completedFuture(known);
        }
        return call(target, "GET", "/ServiceProviderConfig", null).thenCompose(config -> call(target, "GET", "/Schemas", null)
                .thenApply(schemas -> {
                    boolean patch = config.ok() && config.body().path("patch").path("supported").asBoolean(false);
                    boolean enterprise = schemas.ok() && schemas.body().path("Resources").findValuesAsText("id").contains(ScimUser.ENTERPRISE);
                    Features found = new Features(patch, enterprise, Clock.millis() + DISCOVERY_MILLIS);
                    if (config.ok()) {
                        features.put(target.id(), found);
                    }
                    return found;
                }));
    }

    /** A target as a batch sees it: its id, base URL without a trailing slash, secret and settings. */
    record Target(String id, String base, String secret, ScimSettings settings) {
    }

    private CompletableFuture<Reply> token(Target target) {
        if (!target.settings().clientCredentials()) {
            return CompletableFuture.completedFuture(new Reply(200, JSON.getNodeFactory().textNode(target.secret()), null, null));
        }
        String key = target.settings().tokenUrl() + "|" + target.settings().clientId() + "|" + target.secret().hashCode();
        Token cached = tokens.get(target.id());
        if (cached != null && cached.key().equals(key) && cached.until() > Clock.millis()) {
            return CompletableFuture.completedFuture(new Reply(200, JSON.getNodeFactory().textNode(cached.value()), null, null));
        }
        String basic = Base64.getEncoder().encodeToString((form(target.settings().clientId()) + ":" + form(target.secret()))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.settings().tokenUrl())).timeout(http.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        return send(request).thenApply(reply -> {
            String value = reply.ok() ? reply.body().path("access_token").asText(null) : null;
            if (value == null) {
                String why = reply.fault() != null ? reply.fault() : "the token endpoint answered HTTP " + reply.status();
                return new Reply(0, null, null, "no token for the SCIM target: " + why);
            }
            long seconds = Math.max(10, reply.body().path("expires_in").asLong(60));
            tokens.put(target.id(), new Token(key, value, Clock.millis() + (seconds - 5) * 1000));
            return new Reply(200, JSON.getNodeFactory().textNode(value), null, null);
        });
    }

    private CompletableFuture<Reply> send(HttpRequest request) {
        return http.client().sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            if (error != null) {
                return new Reply(0, null, null, TargetHttp.reason(error, WHO));
            }
            return new Reply(response.statusCode(), read(response.body()), TargetHttp.retryAfter(response), null);
        });
    }

    private static JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (java.io.IOException e) {
            return JSON.missingNode(); // an HTML error page: only its status counts
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
