package nl.accountlifecycle.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A user's browser without JavaScript: keeps cookies, follows redirects within Keycloak,
 * and submits the forms Keycloak's pages render.
 */
public final class Browser {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*\\baction=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern HTML_LANG = Pattern.compile("<html[^>]*\\blang=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

    /**
     * Cookies by name. Java's CookieManager withholds Secure cookies on http://localhost, which real browsers
     * treat as a secure context, so this jar keeps every cookie the server sets.
     */
    private final Map<String, String> cookies = new LinkedHashMap<>();

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** The page a browser ends on, or the redirect that leaves Keycloak. */
    public record Page(int status, URI uri, String html, String location) {

        public String formAction() {
            Matcher m = FORM_ACTION.matcher(html);
            if (!m.find()) {
                throw new AssertionError("no form on page " + uri + ":\n" + html);
            }
            return unescape(m.group(1));
        }

        /** The page's form action, or else its first link into Keycloak's login actions. */
        public String formActionOrLink() {
            Matcher form = FORM_ACTION.matcher(html);
            if (form.find()) {
                return uri.resolve(unescape(form.group(1))).toString();
            }
            Matcher link = Pattern.compile("href=\"([^\"]*login-actions[^\"]*)\"").matcher(html);
            if (link.find()) {
                return uri.resolve(unescape(link.group(1))).toString();
            }
            throw new AssertionError("no form or action link on " + uri + ":\n" + html);
        }

        /** The absolute URL of the first link on the page whose href contains {@code fragment}. */
        public String linkTo(String fragment) {
            Matcher link = Pattern.compile("href=\"([^\"]*" + Pattern.quote(fragment) + "[^\"]*)\"").matcher(html);
            if (!link.find()) {
                throw new AssertionError("no link to " + fragment + " on " + uri + ":\n" + html);
            }
            return uri.resolve(unescape(link.group(1))).toString();
        }

        public String lang() {
            Matcher m = HTML_LANG.matcher(html);
            return m.find() ? m.group(1) : null;
        }

        /** The visible text with HTML entities decoded, for asserting on messages. */
        public String text() {
            return unescape(html);
        }
    }

    /** Opens the OIDC authorization endpoint of {@code realmUrl} for {@code clientId}, with PKCE. */
    public Page openLogin(String realmUrl, String clientId, String redirectUri, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("response_type", "code");
        params.put("scope", "openid");
        params.put("state", randomToken());
        params.put("code_challenge", s256(randomToken()));
        params.put("code_challenge_method", "S256");
        params.putAll(extra);
        return get(URI.create(realmUrl + "/protocol/openid-connect/auth?" + encode(params)));
    }

    public Page get(URI uri) {
        return follow(send(HttpRequest.newBuilder(uri).GET()), uri);
    }

    public Page submit(Page page, Map<String, String> fields) {
        URI action = page.uri().resolve(page.formAction());
        HttpRequest.Builder request = HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields)));
        return follow(send(request), action);
    }

    private Page follow(HttpResponse<String> response, URI uri) {
        for (int hops = 0; hops < 10; hops++) {
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 != 3 || location == null) {
                return new Page(response.statusCode(), uri, response.body(), null);
            }
            URI next = uri.resolve(location);
            if (!next.getPath().contains("/realms/") || next.getPath().contains("/account")) {
                // leaving Keycloak's login pages: the redirect is the result
                return new Page(response.statusCode(), uri, response.body(), next.toString());
            }
            uri = next;
            response = send(HttpRequest.newBuilder(uri).GET());
        }
        throw new AssertionError("too many redirects at " + uri);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            response.headers().allValues("Set-Cookie").forEach(this::keepCookie);
            return response;
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void keepCookie(String header) {
        String pair = header.split(";", 2)[0];
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        boolean expired = header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0");
        if (expired || value.isEmpty()) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&lt;", "<").replace("&gt;", ">");
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
