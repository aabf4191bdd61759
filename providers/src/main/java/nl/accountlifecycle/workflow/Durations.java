package nl.accountlifecycle.workflow;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the workflow files write them: a number with {@code ms}, {@code s}, {@code m}, {@code h} or {@code d},
 * or a bare number in the caller's unit. Parsed here rather than with Keycloak's own converter, which older Keycloak
 * lines (where these classes must still load for their tests) do not have.
 */
final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");

    private Durations() {
    }

    /** The duration, or null when the text is not one. */
    static Duration parse(String text, ChronoUnit bareUnit) {
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            return Duration.of(n, bareUnit);
        }
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
