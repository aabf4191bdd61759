package nl.accountlifecycle.odoo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nl.accountlifecycle.odoo.client.OdooEndpoint;
import org.jboss.logging.Logger;

/**
 * Reads the stored settings tolerantly: attributes can be written outside the admin REST (realm import, the
 * console's realm attributes), so a value that does not parse gives its default, and the read logs one warning
 * naming the attributes (never their values, which could be anything), instead of failing the worker or the REST.
 */
final class OdooSettingsParser {

    private static final Logger LOG = Logger.getLogger(OdooSettingsParser.class);

    private final Map<String, String> stored;
    private final List<String> bad = new ArrayList<>();

    private OdooSettingsParser(Map<String, String> stored) {
        this.stored = stored;
    }

    /** The settings of the stored values ({@code realmName} for the warning, or null). */
    static OdooSettings parse(Map<String, String> stored, String realmName) {
        OdooSettingsParser p = new OdooSettingsParser(stored);
        OdooSettings settings = new OdooSettings(
                p.bool("enabled", false),
                p.text("url"),
                p.text("database"),
                p.text("login"),
                p.text("apiKey"),
                p.transport(),
                p.integer("oauthProviderId", null, 1, Integer.MAX_VALUE),
                p.bool("linkExisting", false),
                p.bool("syncPhone", true),
                p.bool("syncMobile", true),
                p.bool("syncJobTitle", true),
                p.bool("syncTitle", true),
                p.groupMap(),
                p.integer("maxAttempts", OdooSettings.DEFAULT_MAX_ATTEMPTS, 1, 100),
                p.integer("timeoutSeconds", OdooSettings.DEFAULT_TIMEOUT_SECONDS, 1, 120));
        if (!p.bad.isEmpty()) {
            LOG.warnf("realm %s: the Odoo settings %s have values that do not parse; their defaults apply until PUT odoo/config "
                    + "saves them again", realmName == null ? "?" : realmName,
                    String.join(", ", p.bad.stream().map(name -> OdooSettings.PREFIX + name).toList()));
        }
        return settings;
    }

    private String raw(String name) {
        String value = stored.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private String text(String name) {
        return raw(name);
    }

    private boolean bool(String name, boolean fallback) {
        String value = raw(name);
        if (value == null) {
            return fallback;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            bad.add(name);
            return fallback;
        }
        return Boolean.parseBoolean(value);
    }

    private Integer integer(String name, Integer fallback, int min, int max) {
        String value = raw(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        bad.add(name);
        return fallback;
    }

    private OdooEndpoint.Transport transport() {
        String value = raw("transport");
        if (value != null && !value.equals("xmlrpc") && !value.equals("json2")) {
            bad.add("transport");
        }
        return "json2".equals(value) ? OdooEndpoint.Transport.JSON2 : OdooEndpoint.Transport.XMLRPC;
    }

    private Map<String, List<Integer>> groupMap() {
        try {
            return parseGroupMap(raw("groupMap"));
        } catch (NumberFormatException e) {
            bad.add("groupMap");
            return new LinkedHashMap<>();
        }
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

    static String wire(OdooEndpoint.Transport transport) {
        return transport.name().toLowerCase(Locale.ROOT);
    }
}
