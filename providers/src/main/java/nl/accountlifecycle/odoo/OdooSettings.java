package nl.accountlifecycle.odoo;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import nl.accountlifecycle.odoo.client.OdooEndpoint;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

/**
 * A realm's Odoo settings, stored as realm attributes {@code accountLifecycle.odoo.*} and read by
 * {@link OdooSettingsParser} with every default; the API key alone is kept in the bundle's table
 * ({@link OdooSecrets}), never in an attribute. The key is a literal or a vault reference {@code ${vault.name}}; it
 * is resolved only when a worker connects, and never shown, not even by {@link #toString()}. A {@code PUT config}
 * is checked by {@link OdooConfigUpdate}; {@code GET config} shows {@link OdooConfigView}.
 */
public record OdooSettings(boolean enabled, String url, String database, String login, String apiKey,
                           OdooEndpoint.Transport transport, Integer oauthProviderId, boolean linkExisting,
                           boolean syncPhone, boolean syncMobile, boolean syncJobTitle, boolean syncTitle,
                           Map<String, List<Integer>> groupMap, int maxAttempts, int timeoutSeconds) {

    static final String PREFIX = "accountLifecycle.odoo.";
    static final int DEFAULT_MAX_ATTEMPTS = 8;
    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    static final Pattern VAULT = Pattern.compile("^\\$\\{vault\\.([A-Za-z0-9_.-]+)}$");

    /** The realm's settings with its API key; a bad stored value gives its default and one logged warning. */
    public static OdooSettings of(KeycloakSession session, RealmModel realm) {
        String url = realm.getAttribute(PREFIX + "url");
        String apiKey = OdooSecrets.apiKey(session, realm, url == null || url.isBlank() ? null : url.strip());
        Map<String, String> a = new LinkedHashMap<>();
        realm.getAttributes().forEach((k, v) -> {
            if (k.startsWith(PREFIX) && !k.equals(OdooSecrets.LEGACY_ATTRIBUTE)) {
                a.put(k.substring(PREFIX.length()), v);
            }
        });
        a.put("apiKey", apiKey);
        return OdooSettingsParser.parse(a, realm.getName());
    }

    /** Whether the realm's changes are queued; reads no key, so it costs nothing on every user event. */
    public static boolean enabled(RealmModel realm) {
        return "true".equalsIgnoreCase(String.valueOf(realm.getAttribute(PREFIX + "enabled")).strip());
    }

    /** The settings of stored values, for tests and callers without a realm; bad values give their defaults. */
    static OdooSettings fromStrings(Map<String, String> stored) {
        return OdooSettingsParser.parse(stored, null);
    }

    /** The key to send: the vault's secret for a {@code ${vault.x}} reference, else the stored literal. */
    String resolveApiKey(KeycloakSession session) {
        if (apiKey == null) {
            return null;
        }
        if (VAULT.matcher(apiKey).matches()) {
            try (VaultStringSecret secret = session.vault().getStringSecret(apiKey)) {
                return secret.get().orElse(null);
            }
        }
        return apiKey;
    }

    boolean apiKeyInVault() {
        return apiKey != null && VAULT.matcher(apiKey).matches();
    }

    /** Never shows the key: a vault reference or a literal would both tell too much in a log line. */
    @Override
    public String toString() {
        return "OdooSettings[enabled=" + enabled + ", url=" + url + ", database=" + database + ", login=" + login
                + ", apiKey=" + (apiKey == null ? "none" : "**********") + ", transport=" + transport
                + ", oauthProviderId=" + oauthProviderId + ", linkExisting=" + linkExisting + ", syncPhone=" + syncPhone
                + ", syncMobile=" + syncMobile + ", syncJobTitle=" + syncJobTitle + ", syncTitle=" + syncTitle
                + ", groupMap=" + groupMap + ", maxAttempts=" + maxAttempts + ", timeoutSeconds=" + timeoutSeconds + "]";
    }

    /** {@code host:port} of a URL, the port made explicit; what a stored key is bound to. */
    static String keyHost(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
            return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A fingerprint of what a client depends on, to know when to open a new one. */
    String connectionKey(String resolvedKey) {
        return url + "|" + database + "|" + login + "|" + transport + "|" + timeoutSeconds + "|"
                + (resolvedKey == null ? 0 : resolvedKey.hashCode());
    }

    OdooEndpoint endpoint(String resolvedKey) {
        return new OdooEndpoint(URI.create(url), database, login, resolvedKey, transport, Duration.ofSeconds(timeoutSeconds));
    }
}
