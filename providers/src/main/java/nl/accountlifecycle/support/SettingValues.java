package nl.accountlifecycle.support;

import java.util.Locale;

import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * Tolerant readers of the realm attributes behind the settings classes. An absent or blank value gives the default
 * quietly; a value that cannot be read gives the default and one warning in the log naming the realm and the
 * attribute, never an error for whoever happens to read the setting.
 */
public final class SettingValues {

    private static final Logger LOG = Logger.getLogger(SettingValues.class);

    private SettingValues() {
    }

    /** The stripped value, or null when absent or blank. */
    public static String text(RealmModel realm, String key) {
        String value = realm.getAttribute(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A whole number of at least {@code min}. */
    public static int atLeast(RealmModel realm, String key, int min, int fallback) {
        String value = text(realm, key);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // warned below
        }
        return unreadable(realm, key, value, fallback, "a whole number of at least " + min);
    }

    /** {@code true} or {@code false}, in any case. */
    public static boolean bool(RealmModel realm, String key, boolean fallback) {
        String value = text(realm, key);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> unreadable(realm, key, value, fallback, "true or false");
        };
    }

    /** One of {@code choices} (lower case; the value is compared ignoring case). */
    public static String oneOf(RealmModel realm, String key, String fallback, String... choices) {
        String value = text(realm, key);
        if (value == null) {
            return fallback;
        }
        for (String choice : choices) {
            if (choice.equalsIgnoreCase(value)) {
                return choice;
            }
        }
        return unreadable(realm, key, value, fallback, "one of " + String.join(", ", choices));
    }

    /** Logs that {@code value} of {@code key} is not {@code expected}, and answers the default. */
    public static <T> T unreadable(RealmModel realm, String key, String value, T fallback, String expected) {
        LOG.warnf("realm %s: %s=%s is not %s; using %s instead", realm.getName(), key, value, expected, fallback);
        return fallback;
    }
}
