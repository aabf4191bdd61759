package nl.accountlifecycle.workflow;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.keycloak.models.workflow.WorkflowInvalidStateException;

/** Parsing of the text between a condition's parentheses; a bad value is refused when the workflow is saved. */
final class ConditionParameter {

    private ConditionParameter() {
    }

    /** {@code 14} (days), or a Keycloak duration such as {@code 14d}, {@code 24h}, {@code 30m}. */
    static Duration duration(String text, String condition) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d = Durations.parse(value, ChronoUnit.DAYS);
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(value);
            }
            return d;
        } catch (RuntimeException e) {
            throw new WorkflowInvalidStateException(condition + ": '" + text + "' is not a number of days or a duration such as 14d or 24h");
        }
    }
}
