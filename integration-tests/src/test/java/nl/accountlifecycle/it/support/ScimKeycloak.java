package nl.accountlifecycle.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A stock Keycloak 26.7.3 with its own SCIM 2.0 server (feature {@code scim-api}), started by
 * {@code scripts/lib/scim-keycloak.sh} in its own process group on loopback: the real SCIM server that the bundle's
 * SCIM client is tested against. {@link #close()} stops it.
 */
public final class ScimKeycloak implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    public static final String REALM = "scim-target";

    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newHttpClient();

    private ScimKeycloak(Map<String, String> env) {
        this.env = env;
    }

    /** Starts it (about a minute; the first time in a clone also unpacks and builds it) and sets up the realm. */
    public static ScimKeycloak start() throws IOException, InterruptedException {
        Path out = Files.createTempFile("scim-kc", ".env");
        String script = "set -euo pipefail; source scripts/lib/scim-keycloak.sh; scim_kc_start \"$PWD/.run/scim-it\";"
                + " scim_kc_setup " + REALM + "; for v in SCIM_KC_PID SCIM_KC_URL SCIM_KC_ADMIN_PASSWORD SCIM_BASE_URL"
                + " SCIM_TOKEN_URL SCIM_CLIENT_ID SCIM_CLIENT_SECRET; do echo \"$v=${!v}\"; done > " + out;
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(ROOT.resolve("integration-tests/target/scim-keycloak.log").toFile());
        builder.environment().put("SCIM_KC_PORT", "18782");
        builder.environment().put("SCIM_KC_MGMT_PORT", "19782");
        Process process = builder.start();
        if (!process.waitFor(8, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the SCIM Keycloak did not start; see integration-tests/target/scim-keycloak.log");
        }
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        Files.delete(out);
        return new ScimKeycloak(env);
    }

    public String baseUrl() {
        return env.get("SCIM_BASE_URL");
    }

    public String tokenUrl() {
        return env.get("SCIM_TOKEN_URL");
    }

    public String clientId() {
        return env.get("SCIM_CLIENT_ID");
    }

    public String clientSecret() {
        return env.get("SCIM_CLIENT_SECRET");
    }

    /** The server's SCIM users whose externalId is this one (the bundle sets it to its Keycloak user id). */
    public List<Map<String, Object>> byExternalId(String externalId) throws Exception {
        Map<?, ?> list = get(baseUrl() + "/Users?filter=" + URLEncoder.encode("externalId eq \"" + externalId + "\"",
                StandardCharsets.UTF_8), scimToken());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> resources = (List<Map<String, Object>>) list.get("Resources");
        return resources == null ? List.of() : resources;
    }

    /** The user as the server's own admin REST API has it, or null. */
    public Map<?, ?> adminUser(String id) throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(env.get("SCIM_KC_URL") + "/admin/realms/"
                + REALM + "/users/" + id)).header("Authorization", "Bearer " + adminToken()).build(), HttpResponse.BodyHandlers.ofString());
        return reply.statusCode() == 404 ? null : JSON.readValue(reply.body(), Map.class);
    }

    private String scimToken() throws Exception {
        return token(tokenUrl(), "grant_type=client_credentials&client_id=" + clientId() + "&client_secret="
                + URLEncoder.encode(clientSecret(), StandardCharsets.UTF_8));
    }

    private String adminToken() throws Exception {
        return token(env.get("SCIM_KC_URL") + "/realms/master/protocol/openid-connect/token",
                "grant_type=password&client_id=admin-cli&username=admin&password="
                        + URLEncoder.encode(env.get("SCIM_KC_ADMIN_PASSWORD"), StandardCharsets.UTF_8));
    }

    private String token(String url, String form) throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return (String) JSON.readValue(reply.body(), Map.class).get("access_token");
    }

    private Map<?, ?> get(String url, String token) throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new AssertionError("GET " + url + ": " + reply.statusCode() + " " + reply.body());
        }
        return JSON.readValue(reply.body(), Map.class);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String pid = env.get("SCIM_KC_PID");
        if (pid != null && !pid.isBlank()) {
            new ProcessBuilder("bash", "-c", "source scripts/lib/scim-keycloak.sh; SCIM_KC_PID=" + pid + "; scim_kc_stop")
                    .directory(ROOT.toFile()).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
        }
    }
}
