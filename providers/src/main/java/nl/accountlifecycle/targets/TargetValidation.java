package nl.accountlifecycle.targets;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import nl.accountlifecycle.admin.ApiError;
import nl.accountlifecycle.support.HostPolicy;

/**
 * Checks a target's settings before anything is stored: a 400 names the first bad field, and nothing is written.
 * A webhook URL is https, or http to this machine's loopback (for a receiver next to Keycloak), and its host must be
 * on the operator's list. A secret is a {@code whsec_} key or a {@code ${vault.name}} reference.
 */
final class TargetValidation {

    /** What a create or update may give; absent fields keep their value on update. */
    record Input(String name, String kind, String url, Boolean enabled, Integer maxAttempts, String secret) {
    }

    static final String WEBHOOK = "webhook";
    static final int DEFAULT_MAX_ATTEMPTS = 10;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private TargetValidation() {
    }

    static String name(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw invalid("name", "name must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit");
        }
        return name;
    }

    static String kind(String kind) {
        if (kind == null || !WEBHOOK.equals(kind.strip().toLowerCase(Locale.ROOT))) {
            throw invalid("kind", "kind must be webhook (SCIM targets are not available yet)");
        }
        return WEBHOOK;
    }

    static String url(String value, HostPolicy hosts) {
        if (value == null || value.isBlank() || value.length() > 1000) {
            throw invalid("url", "url is required: an https:// address of at most 1000 characters");
        }
        URI url;
        try {
            url = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw invalid("url", "url is not a valid address");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean loopbackHttp = "http".equals(scheme) && url.getHost() != null
                && LOOPBACK.contains(url.getHost().toLowerCase(Locale.ROOT));
        if (!"https".equals(scheme) && !loopbackHttp || url.getHost() == null || url.getRawUserInfo() != null
                || url.getRawFragment() != null) {
            throw invalid("url", "url must be an https:// address without user info or fragment (http:// only to a loopback address)");
        }
        String refused = hosts.check(url);
        if (refused != null) {
            throw invalid("url", refused);
        }
        return url.toString();
    }

    static int maxAttempts(Integer value) {
        int attempts = value == null ? DEFAULT_MAX_ATTEMPTS : value;
        if (attempts < 1 || attempts > 100) {
            throw invalid("maxAttempts", "maxAttempts must be between 1 and 100");
        }
        return attempts;
    }

    /** A given secret, checked; never echoed in the message. */
    static String secret(String secret) {
        if (isVaultReference(secret)) {
            return secret;
        }
        try {
            WebhookMessage.key(secret);
        } catch (IllegalArgumentException e) {
            throw invalid("secret", e.getMessage() + ", or be a vault reference ${vault.name}");
        }
        return secret;
    }

    static boolean isVaultReference(String value) {
        return value != null && value.matches("\\$\\{vault\\.[^}]+}");
    }

    private static ApiError invalid(String field, String message) {
        return ApiError.badRequest(field, "invalid_field", message);
    }
}
