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
    record Input(String name, String kind, String url, Boolean enabled, Integer maxAttempts, String secret,
                 String auth, String tokenUrl, String clientId, String deleteMode) {
    }

    static final String WEBHOOK = "webhook";
    static final String SCIM = "scim";
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
        String value = kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT);
        if (!WEBHOOK.equals(value) && !SCIM.equals(value)) {
            throw invalid("kind", "kind must be webhook or scim");
        }
        return value;
    }

    /**
     * A SCIM target's settings: those given over the ones it had ({@code current}, or the defaults). With
     * {@code client_credentials} the token URL (on the operator's list too) and the client id are required.
     */
    static ScimSettings scim(Input input, ScimSettings current, HostPolicy hosts) {
        String auth = input.auth() == null ? current.auth() : input.auth().strip().toLowerCase(Locale.ROOT);
        if (!ScimSettings.BEARER.equals(auth) && !ScimSettings.CLIENT_CREDENTIALS.equals(auth)) {
            throw invalid("auth", "auth must be bearer or client_credentials");
        }
        String deleteMode = input.deleteMode() == null ? current.deleteMode() : input.deleteMode().strip().toLowerCase(Locale.ROOT);
        if (!ScimSettings.DISABLE.equals(deleteMode) && !ScimSettings.DELETE.equals(deleteMode)) {
            throw invalid("deleteMode", "deleteMode must be disable or delete");
        }
        String tokenUrl = input.tokenUrl() == null ? current.tokenUrl() : input.tokenUrl();
        String clientId = input.clientId() == null ? current.clientId() : input.clientId().strip();
        if (ScimSettings.CLIENT_CREDENTIALS.equals(auth)) {
            tokenUrl = url("tokenUrl", tokenUrl, hosts);
            if (clientId == null || clientId.isEmpty() || clientId.length() > 255) {
                throw invalid("clientId", "clientId is required with client_credentials (at most 255 characters)");
            }
        }
        return new ScimSettings(auth, tokenUrl, clientId, deleteMode);
    }

    static String url(String value, HostPolicy hosts) {
        return url("url", value, hosts);
    }

    static String url(String field, String value, HostPolicy hosts) {
        if (value == null || value.isBlank() || value.length() > 1000) {
            throw invalid(field, field + " is required: an https:// address of at most 1000 characters");
        }
        URI url;
        try {
            url = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw invalid(field, field + " is not a valid address");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean loopbackHttp = "http".equals(scheme) && url.getHost() != null
                && LOOPBACK.contains(url.getHost().toLowerCase(Locale.ROOT));
        if (!"https".equals(scheme) && !loopbackHttp || url.getHost() == null || url.getRawUserInfo() != null
                || url.getRawFragment() != null) {
            throw invalid(field, field + " must be an https:// address without user info or fragment (http:// only to a loopback address)");
        }
        String refused = hosts.check(url);
        if (refused != null) {
            throw invalid(field, refused);
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

    /** A given secret for a target of this kind, checked; never echoed in the message. */
    static String secret(String kind, String secret) {
        if (isVaultReference(secret)) {
            return secret;
        }
        if (SCIM.equals(kind)) {
            if (secret == null || secret.isBlank() || secret.length() > 1000 || !secret.strip().equals(secret)) {
                throw invalid("secret", "secret must be the bearer token or client secret (at most 1000 characters, no surrounding blanks), or a vault reference ${vault.name}");
            }
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
