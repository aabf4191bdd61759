package nl.accountlifecycle.odoo;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import nl.accountlifecycle.admin.ApiError;
import nl.accountlifecycle.odoo.client.OdooClients;
import nl.accountlifecycle.support.HostPolicy;

/**
 * The checks of a {@code PUT config} body over the stored Odoo settings. A PUT may carry its GET body
 * ({@link OdooConfigView}) back: the read-only fields ({@link #READ_ONLY}) are ignored, as Keycloak's admin API
 * ignores the read-only fields of its representations.
 */
final class OdooConfigUpdate {

    static final Set<String> WRITABLE = Set.of("enabled", "url", "database", "login", "apiKey", "transport",
            "oauthProviderId", "linkExisting", "syncPhone", "syncMobile", "syncJobTitle", "syncTitle", "groupMap",
            "maxAttempts", "timeoutSeconds");
    /** What {@link OdooConfigView} shows about the key instead of the key. */
    static final Set<String> READ_ONLY = Set.of("apiKeySet", "apiKeyVault");

    private OdooConfigUpdate() {
    }

    /**
     * Validates a {@code PUT config} body over the stored settings: fields not given keep their value, and a
     * missing {@code apiKey} keeps the stored key, except when the URL's host changes: the key was given for
     * the old host, so a new one must come with the new URL. A URL given must be on the operator's list of
     * hosts. Returns the attribute values to store; nothing is written when anything is wrong.
     */
    static Map<String, String> validate(Map<String, Object> body, OdooSettings current, HostPolicy hosts) {
        for (String key : body.keySet()) {
            if (!WRITABLE.contains(key) && !READ_ONLY.contains(key)) {
                throw ApiError.badRequest(key, "unknown_field", "unknown setting " + key);
            }
        }
        ConfigFields in = new ConfigFields(body);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("enabled", String.valueOf(in.bool("enabled", current.enabled())));
        String url = in.text("url", current.url());
        if (url != null) {
            checkUrl(url, body.containsKey("url") || in.bool("enabled", false), hosts);
        }
        if (current.apiKey() != null && !body.containsKey("apiKey") && !Objects.equals(OdooSettings.keyHost(url), OdooSettings.keyHost(current.url()))) {
            throw ApiError.badRequest("apiKey", "missing_field",
                    "the url's host changed: give the apiKey for the new host with it (the stored key is never sent to another host)");
        }
        out.put("url", url);
        out.put("database", in.text("database", current.database()));
        out.put("login", in.text("login", current.login()));
        String transport = in.text("transport", OdooSettingsParser.wire(current.transport()));
        if (!"xmlrpc".equals(transport) && !"json2".equals(transport)) {
            throw ApiError.badRequest("transport", "invalid_transport", "transport must be \"xmlrpc\" or \"json2\"");
        }
        out.put("transport", transport);
        out.put("apiKey", body.containsKey("apiKey") ? in.text("apiKey", null) : current.apiKey());
        Integer provider = in.integer("oauthProviderId", current.oauthProviderId(), 1, Integer.MAX_VALUE);
        out.put("oauthProviderId", provider == null ? null : provider.toString());
        for (String flag : OdooConfigView.FLAGS) {
            out.put(flag, String.valueOf(in.bool(flag, OdooConfigView.flag(current, flag))));
        }
        out.put("groupMap", OdooSettingsParser.formatGroupMap(body.containsKey("groupMap")
                ? in.groupMap("groupMap") : new LinkedHashMap<>(current.groupMap())));
        out.put("maxAttempts", String.valueOf(in.integer("maxAttempts", current.maxAttempts(), 1, 100)));
        out.put("timeoutSeconds", String.valueOf(in.integer("timeoutSeconds", current.timeoutSeconds(), 1, 120)));
        requireComplete(out, transport);
        return out;
    }

    private static void checkUrl(String url, boolean againstHostList, HostPolicy hosts) {
        String problem;
        try {
            problem = OdooClients.checkUrl(URI.create(url));
        } catch (IllegalArgumentException e) {
            problem = "url is not a valid URL";
        }
        if (problem != null) {
            throw ApiError.badRequest("url", "invalid_url", problem);
        }
        if (againstHostList) {
            problem = hosts.check(URI.create(url));
            if (problem != null) {
                throw ApiError.badRequest("url", "host_not_allowed", problem);
            }
        }
    }

    private static void requireComplete(Map<String, String> out, String transport) {
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
    }

    /** The typed fields of a JSON body; a field not given is its fallback, a wrong type a 400 naming the field. */
    private record ConfigFields(Map<String, Object> body) {

        String text(String field, String fallback) {
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

        boolean bool(String field, boolean fallback) {
            if (!body.containsKey(field)) {
                return fallback;
            }
            if (!(body.get(field) instanceof Boolean b)) {
                throw ApiError.badRequest(field, "invalid_field", field + " must be true or false");
            }
            return b;
        }

        Integer integer(String field, Integer fallback, int min, int max) {
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

        Map<String, List<Integer>> groupMap(String field) {
            Map<String, List<Integer>> map = new LinkedHashMap<>();
            Object value = body.get(field);
            if (value == null) {
                return map;
            }
            if (!(value instanceof Map<?, ?> raw)) {
                throw ApiError.badRequest(field, "invalid_field", "groupMap must map Keycloak group names to lists of Odoo group ids");
            }
            for (Map.Entry<?, ?> e : raw.entrySet()) {
                String group = String.valueOf(e.getKey());
                if (group.isBlank() || group.contains(";") || group.contains("=") || !(e.getValue() instanceof List<?> ids)) {
                    throw ApiError.badRequest(field, "invalid_field", "groupMap must map Keycloak group names to lists of Odoo group ids");
                }
                List<Integer> list = new ArrayList<>();
                for (Object id : ids) {
                    if (!(id instanceof Integer i) || i <= 0) {
                        throw ApiError.badRequest(field, "invalid_field", "Odoo group ids are positive whole numbers");
                    }
                    list.add(i);
                }
                map.put(group, list);
            }
            return map;
        }
    }
}
