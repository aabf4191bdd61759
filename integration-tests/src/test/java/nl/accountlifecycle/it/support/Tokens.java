package nl.accountlifecycle.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.util.JsonSerialization;

/** A user's tokens from the realm's token endpoint (admin-cli, direct grant), and what is inside them. */
public final class Tokens {

    private final String realmUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    public Tokens(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    /** A password grant that must succeed; {@code scope} e.g. {@code "openid"} or {@code "openid offline_access"}. */
    public Map<String, Object> login(String username, String password, String scope) {
        HttpResponse<String> response = post("grant_type=password&client_id=admin-cli&username="
                + enc(username) + "&password=" + enc(password) + "&scope=" + enc(scope));
        if (response.statusCode() != 200) {
            throw new AssertionError("login of " + username + ": " + response.statusCode() + " " + response.body());
        }
        return json(response.body());
    }

    /** A refresh-token grant; the caller checks the status (400 once the session is gone). */
    public HttpResponse<String> refresh(Map<String, Object> tokens) {
        return post("grant_type=refresh_token&client_id=admin-cli&refresh_token=" + enc((String) tokens.get("refresh_token")));
    }

    /** The claims of an access token, decoded without checking the signature (the server just issued it). */
    public static Map<String, Object> claims(String accessToken) {
        String[] parts = accessToken.split("\\.");
        return json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    public static Map<String, Object> json(String body) {
        try {
            return JsonSerialization.readValue(body, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private HttpResponse<String> post(String form) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("token request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
