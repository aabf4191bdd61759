package nl.accountlifecycle.odoo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.accountlifecycle.admin.ApiError;
import nl.accountlifecycle.odoo.client.OdooClients;
import nl.accountlifecycle.odoo.client.OdooEndpoint;
import nl.accountlifecycle.odoo.client.OdooHostPolicy;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

/**
 * A realm's Odoo settings, stored as realm attributes {@code accountLifecycle.odoo.*}, with every default here;
 * the API key alone is kept in the bundle's table ({@link OdooSecrets}), never in an attribute. The key is a
 * literal or a vault reference {@code ${vault.name}}; it is resolved only when a worker connects, and never shown,
 * not even by {@link #toString()}.
 */
public record OdooSettings(boolean enabled, String url, String database, String login, String apiKey,
                           OdooEndpoint.Transport transport, Integer oauthProviderId, boolean linkExisting,
                           boolean syncPhone, boolean syncMobile, boolean syncJobTitle, boolean syncTitle,
                           Map<String, List<Integer>> groupMap, int maxAttempts, int timeoutSeconds) {

    static final String PREFIX = "accountLifecycle.odoo.";
    static final int DEFAULT_MAX_ATTEMPTS = 8;
    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    private static final Pattern VAULT = Pattern.compile("^\\$\\{vault\\.([A-Za-z0-9_.-]+)}$");

    /** The realm's settings with its API key; moves a key still kept in the realm attributes first. */
    public static OdooSettings of(KeycloakSession session, RealmModel realm) {
        String apiKey = OdooSecrets.apiKey(session, realm, blankToNull(realm.getAttribute(PREFIX + "url")));
        Map<String, String> a = new LinkedHashMap<>();
        realm.getAttributes().forEach((k, v) -> {
            if (k.startsWith(PREFIX) && !k.equals(OdooSecrets.LEGACY_ATTRIBUTE)) {
                a.put(k.substring(PREFIX.length()), v);
            }
        });
        a.put("apiKey", apiKey);
        return fromStrings(a);
    }

    /** Whether the realm's changes are queued; reads no key, so it costs nothing on every user event. */
    public static boolean enabled(RealmModel realm) {
        return bool(realm.getAttribute(PREFIX + "enabled"), false);
    }

    static OdooSettings fromStrings(Map<String, String> a) {
        return new OdooSettings(
                bool(a.get("enabled"), false),
                blankToNull(a.get("url")),
                blankToNull(a.get("database")),
                blankToNull(a.get("login")),
                blankToNull(a.get("apiKey")),
                "json2".equals(a.get("transport")) ? OdooEndpoint.Transport.JSON2 : OdooEndpoint.Transport.XMLRPC,
                a.get("oauthProviderId") == null || a.get("oauthProviderId").isBlank() ? null : Integer.valueOf(a.get("oauthProviderId")),
                bool(a.get("linkExisting"), false),
                bool(a.get("syncPhone"), true),
                bool(a.get("syncMobile"), true),
                bool(a.get("syncJobTitle"), true),
                bool(a.get("syncTitle"), true),
                parseGroupMap(a.get("groupMap")),
                a.get("maxAttempts") == null ? DEFAULT_MAX_ATTEMPTS : Integer.parseInt(a.get("maxAttempts")),
                a.get("timeoutSeconds") == null ? DEFAULT_TIMEOUT_SECONDS : Integer.parseInt(a.get("timeoutSeconds")));
    }

    /**
     * Validates a {@code PUT config} body over the stored settings: fields not given keep their value, and a
     * missing {@code apiKey} keeps the stored key, except when the URL's host changes: the key was given for
     * the old host, so a new one must come with the new URL. A URL given must be on the operator's list of
     * hosts. Nothing is written when anything is wrong.
     */
    static Map<String, String> validate(Map<String, Object> body, OdooSettings current, OdooHostPolicy hosts) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : body.keySet()) {
            if (!List.of("enabled", "url", "database", "login", "apiKey", "transport", "oauthProviderId", "linkExisting",
                    "syncPhone", "syncMobile", "syncJobTitle", "syncTitle", "groupMap", "maxAttempts", "timeoutSeconds").contains(key)) {
                throw ApiError.badRequest(key, "unknown_field", "unknown setting " + key);
            }
        }
        out.put("enabled", String.valueOf(boolField(body, "enabled", current.enabled())));
        String url = textField(body, "url", current.url());
        if (url != null) {
            String problem;
            try {
                problem = OdooClients.checkUrl(URI.create(url));
            } catch (IllegalArgumentException e) {
                problem = "url is not a valid URL";
            }
            if (problem != null) {
                throw ApiError.badRequest("url", "invalid_url", problem);
            }
            if (body.containsKey("url") || boolField(body, "enabled", false)) {
                problem = hosts.check(URI.create(url));
                if (problem != null) {
                    throw ApiError.badRequest("url", "host_not_allowed", problem);
                }
            }
        }
        if (current.apiKey() != null && !body.containsKey("apiKey") && !java.util.Objects.equals(keyHost(url), keyHost(current.url()))) {
            throw ApiError.badRequest("apiKey", "missing_field",
                    "the url's host changed: give the apiKey for the new host with it (the stored key is never sent to another host)");
        }
        out.put("url", url);
        out.put("database", textField(body, "database", current.database()));
        out.put("login", textField(body, "login", current.login()));
        String transport = textField(body, "transport", current.transport() == OdooEndpoint.Transport.JSON2 ? "json2" : "xmlrpc");
        if (!"xmlrpc".equals(transport) && !"json2".equals(transport)) {
            throw ApiError.badRequest("transport", "invalid_transport", "transport must be \"xmlrpc\" or \"json2\"");
        }
        out.put("transport", transport);
        String apiKey = body.containsKey("apiKey") ? textField(body, "apiKey", null) : current.apiKey();
        out.put("apiKey", apiKey);
        Integer provider = intField(body, "oauthProviderId", current.oauthProviderId(), 1, Integer.MAX_VALUE);
        out.put("oauthProviderId", provider == null ? null : provider.toString());
        for (String flag : List.of("linkExisting", "syncPhone", "syncMobile", "syncJobTitle", "syncTitle")) {
            boolean now = switch (flag) {
                case "linkExisting" -> current.linkExisting();
                case "syncPhone" -> current.syncPhone();
                case "syncMobile" -> current.syncMobile();
                case "syncJobTitle" -> current.syncJobTitle();
                default -> current.syncTitle();
            };
            out.put(flag, String.valueOf(boolField(body, flag, now)));
        }
        Object groups = body.containsKey("groupMap") ? body.get("groupMap") : current.groupMap();
        out.put("groupMap", formatGroupMap(groupMapField(groups)));
        out.put("maxAttempts", String.valueOf(intField(body, "maxAttempts", current.maxAttempts(), 1, 100)));
        out.put("timeoutSeconds", String.valueOf(intField(body, "timeoutSeconds", current.timeoutSeconds(), 1, 120)));

        if (Boolean.parseBoolean(out.get("enabled"))) {
            for (String required : List.of("url", "login", "apiKey")) {
                if (out.get(required) == null) {
                    throw ApiError.badRequest(required, "missing_field", required + " is required when the sync is enabled");
                }
            }
            if ("xmlrpc".equals(transport) && out.get("database") == null) {
                throw ApiError.badRequest("database", "missing_field", "database is required for XML-RPC");
            }
        }
        return out;
    }

    /** The key to send: the vault's secret for a {@code ${vault.x}} reference, else the stored literal. */
    String resolveApiKey(KeycloakSession session) {
        if (apiKey == null) {
            return null;
        }
        Matcher vault = VAULT.matcher(apiKey);
        if (vault.matches()) {
            try (VaultStringSecret secret = session.vault().getStringSecret(apiKey)) {
                return secret.get().orElse(null);
            }
        }
        return apiKey;
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

    /** The settings as the admin REST shows them: the key only as "set", or by its vault reference. */
    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("enabled", enabled);
        view.put("url", url);
        view.put("database", database);
        view.put("login", login);
        view.put("apiKeySet", apiKey != null);
        view.put("apiKeyVault", apiKey != null && VAULT.matcher(apiKey).matches() ? apiKey : null);
        view.put("transport", transport == OdooEndpoint.Transport.JSON2 ? "json2" : "xmlrpc");
        view.put("oauthProviderId", oauthProviderId);
        view.put("linkExisting", linkExisting);
        view.put("syncPhone", syncPhone);
        view.put("syncMobile", syncMobile);
        view.put("syncJobTitle", syncJobTitle);
        view.put("syncTitle", syncTitle);
        view.put("groupMap", groupMap);
        view.put("maxAttempts", maxAttempts);
        view.put("timeoutSeconds", timeoutSeconds);
        return view;
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
            return uri.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + port;
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

    // ---- parsing helpers ----

    private static boolean bool(String value, boolean fallback) {
        return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.strip());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code users=1,3;sales=4}: Keycloak group name to Odoo group ids. */
    static Map<String, List<Integer>> parseGroupMap(String value) {
        Map<String, List<Integer>> map = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return map;
        }
        for (String entry : value.split(";")) {
            String[] kv = entry.split("=", 2);
            if (kv.length == 2 && !kv[0].isBlank()) {
                List<Integer> ids = new ArrayList<>();
                for (String id : kv[1].split(",")) {
                    if (!id.isBlank()) {
                        ids.add(Integer.valueOf(id.strip()));
                    }
                }
                map.put(kv[0].strip(), ids);
            }
        }
        return map;
    }

    static String formatGroupMap(Map<String, List<Integer>> map) {
        if (map.isEmpty()) {
            return null;
        }
        List<String> entries = new ArrayList<>();
        map.forEach((group, ids) -> entries.add(group + "=" + String.join(",", ids.stream().map(String::valueOf).toList())));
        return String.join(";", entries);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Integer>> groupMapField(Object value) {
        Map<String, List<Integer>> map = new LinkedHashMap<>();
        if (value == null) {
            return map;
        }
        if (!(value instanceof Map<?, ?> raw)) {
            throw ApiError.badRequest("groupMap", "invalid_field", "groupMap must map Keycloak group names to lists of Odoo group ids");
        }
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            String group = String.valueOf(e.getKey());
            if (group.isBlank() || group.contains(";") || group.contains("=") || !(e.getValue() instanceof List<?> ids)) {
                throw ApiError.badRequest("groupMap", "invalid_field", "groupMap must map Keycloak group names to lists of Odoo group ids");
            }
            List<Integer> list = new ArrayList<>();
            for (Object id : (List<Object>) ids) {
                if (!(id instanceof Integer i) || i <= 0) {
                    throw ApiError.badRequest("groupMap", "invalid_field", "Odoo group ids are positive whole numbers");
                }
                list.add(i);
            }
            map.put(group, list);
        }
        return map;
    }

    private static String textField(Map<String, Object> body, String field, String fallback) {
        if (!body.containsKey(field)) {
            return fallback;
        }
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw ApiError.badRequest(field, "invalid_field", field + " must be a string");
        }
        if (s.contains("\n") || s.contains("\r") || s.length() > 500) {
            throw ApiError.badRequest(field, "invalid_field", field + " must be one line of at most 500 characters");
        }
        return s.isBlank() ? null : s.strip();
    }

    private static boolean boolField(Map<String, Object> body, String field, boolean fallback) {
        if (!body.containsKey(field)) {
            return fallback;
        }
        if (!(body.get(field) instanceof Boolean b)) {
            throw ApiError.badRequest(field, "invalid_field", field + " must be true or false");
        }
        return b;
    }

    private static Integer intField(Map<String, Object> body, String field, Integer fallback, int min, int max) {
        if (!body.containsKey(field)) {
            return fallback;
        }
        Object value = body.get(field);
        if (value == null && "oauthProviderId".equals(field)) {
            return null;
        }
        if (!(value instanceof Integer i) || i < min || i > max) {
            throw ApiError.badRequest(field, "invalid_field", field + " must be a whole number from " + min + " to " + max);
        }
        return i;
    }
}
