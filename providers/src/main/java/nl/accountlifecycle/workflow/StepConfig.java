package nl.accountlifecycle.workflow;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.keycloak.component.ComponentModel;

/** A step's {@code with:} values, read null-safe with defaults. */
final class StepConfig {

    private final ComponentModel model;

    StepConfig(ComponentModel model) {
        this.model = model;
    }

    /** The step's own id (its component id), stable while the workflow exists. */
    String id() {
        return model == null ? null : model.getId();
    }

    String text(String key) {
        String value = model == null || model.getConfig() == null ? null : model.getConfig().getFirst(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A Keycloak duration ({@code 3d}, {@code 72h}); the default when unset or unreadable. */
    Duration duration(String key, Duration fallback) {
        String value = text(key);
        if (value == null) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(value, ChronoUnit.SECONDS);
            return d == null || d.isNegative() || d.isZero() ? fallback : d;
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
