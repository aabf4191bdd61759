package nl.accountlifecycle.targetsim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;

/**
 * The bearer tokens the SCIM endpoints accept: the configured one, and those issued by {@code POST /oauth/token}
 * for the client credentials grant (RFC 6749 §4.4), with the client authenticated by HTTP Basic or by form fields
 * (§2.3.1). Issued tokens live {@value #LIFETIME_SECONDS} seconds.
 */
final class OAuthTokens {

    static final int LIFETIME_SECONDS = 300;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> issued = new ConcurrentHashMap<>();
    private volatile String scimToken;
    private volatile String clientId;
    private volatile String clientSecret;

    OAuthTokens(String scimToken, String clientId, String clientSecret) {
        this.scimToken = scimToken;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    void setScimToken(String value) {
        scimToken = value;
    }

    void setClient(String id, String secret) {
        clientId = id;
        clientSecret = secret;
    }

    boolean accepts(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        if (same(token, scimToken)) {
            return true;
        }
        Long expires = issued.get(token);
        if (expires != null && expires < System.currentTimeMillis()) {
            issued.remove(token);
            return false;
        }
        return expires != null;
    }

    void handle(HttpExchange exchange, byte[] body) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            error(exchange, 405, "invalid_request", "the token endpoint takes POST");
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> form = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded") ? Http.form(body) : null;
        if (form == null) {
            error(exchange, 400, "invalid_request", "send an application/x-www-form-urlencoded body, each parameter once");
            return;
        }
        String[] basic = basic(exchange.getRequestHeaders().getFirst("Authorization"));
        if (basic != null && (form.containsKey("client_secret"))) {
            error(exchange, 400, "invalid_request", "use one client authentication method, not Basic and form fields both");
            return;
        }
        String id = basic != null ? basic[0] : form.get("client_id");
        String secret = basic != null ? basic[1] : form.get("client_secret");
        if (id == null || secret == null || !same(id, clientId) || !same(secret, clientSecret)) {
            // §5.2: 401 with a challenge for the scheme the client may use
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"target-simulator\"");
            error(exchange, 401, "invalid_client", "unknown client or wrong secret");
            return;
        }
        String grant = form.get("grant_type");
        if (grant == null) {
            error(exchange, 400, "invalid_request", "grant_type is missing");
        } else if (!grant.equals("client_credentials")) {
            error(exchange, 400, "unsupported_grant_type", "only client_credentials is supported");
        } else {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            issued.put(token, System.currentTimeMillis() + LIFETIME_SECONDS * 1000L);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", token);
            answer.put("token_type", "Bearer");
            answer.put("expires_in", LIFETIME_SECONDS);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("Pragma", "no-cache");
            Http.sendJson(exchange, 200, answer);
        }
    }

    /** {@code [id, secret]} from {@code Authorization: Basic}, each form-decoded (§2.3.1); null without Basic. */
    private static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? new String[] {"", ""}
                    : new String[] {Http.decode(pair.substring(0, colon)), Http.decode(pair.substring(colon + 1))};
        } catch (IllegalArgumentException e) {
            return new String[] {"", ""};
        }
    }

    private static boolean same(String a, String b) {
        return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static void error(HttpExchange exchange, int status, String code, String description) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", description);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        Http.sendJson(exchange, status, body);
    }
}
