package nl.accountlifecycle.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;

import nl.accountlifecycle.activation.ActivationState.Status;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.models.workflow.WorkflowInvalidStateException;

@DisplayName("Workflow condition parameters")
class ConditionParametersTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @Test
    @DisplayName("activation-status takes one or more statuses, and 'within' for pending links only")
    void activationStatus() {
        var both = ActivationStatusConditionFactory.Parameter.parse("pending, expired");
        assertEquals(EnumSet.of(Status.PENDING, Status.EXPIRED), both.statuses());
        var soon = ActivationStatusConditionFactory.Parameter.parse("pending within 24h");
        assertEquals(Duration.ofHours(24), soon.within());
        assertTrue(soon.matches(Status.PENDING, NOW.plusSeconds(3600), NOW));
        assertFalse(soon.matches(Status.PENDING, NOW.plus(Duration.ofHours(30)), NOW), "30 h left is not within 24 h");
        assertFalse(soon.matches(Status.ACTIVATED, NOW.plusSeconds(3600), NOW));
        assertThrows(WorkflowInvalidStateException.class, () -> ActivationStatusConditionFactory.Parameter.parse("pendng"));
        assertThrows(WorkflowInvalidStateException.class, () -> ActivationStatusConditionFactory.Parameter.parse("activated within 1d"));
        assertThrows(WorkflowInvalidStateException.class, () -> ActivationStatusConditionFactory.Parameter.parse(""));
    }

    @Test
    @DisplayName("user-attribute-date compares inclusively with today plus the offset, and ignores values that are no date")
    void attributeDate() {
        var warn = UserAttributeDateConditionFactory.Parameter.parse("contractEnd before 7d");
        assertEquals("contractEnd", warn.attribute());
        assertTrue(warn.matches("2026-12-08", TODAY), "the seventh day counts");
        assertFalse(warn.matches("2026-12-09", TODAY));
        assertTrue(warn.matches("2026-11-01", TODAY));
        assertTrue(warn.matches("2026-12-08T23:00:00Z", TODAY), "a date-time counts by its date");
        assertFalse(warn.matches("soon", TODAY));
        assertFalse(warn.matches(null, TODAY));
        var ended = UserAttributeDateConditionFactory.Parameter.parse("contractEnd before");
        assertTrue(ended.matches("2026-12-01", TODAY), "the end date itself");
        assertFalse(ended.matches("2026-12-02", TODAY));
        var recent = UserAttributeDateConditionFactory.Parameter.parse("hired AFTER -30d");
        assertTrue(recent.matches("2026-11-01", TODAY));
        assertFalse(recent.matches("2026-10-31", TODAY));
        assertThrows(WorkflowInvalidStateException.class, () -> UserAttributeDateConditionFactory.Parameter.parse("contractEnd"));
        assertThrows(WorkflowInvalidStateException.class, () -> UserAttributeDateConditionFactory.Parameter.parse("contractEnd until 7d"));
    }

    @Test
    @DisplayName("durations are days by default or Keycloak durations; user-enabled takes true or false")
    void durationsAndEnabled() {
        assertEquals(Duration.ofDays(14), ConditionParameter.duration("14", "x"));
        assertEquals(Duration.ofHours(36), ConditionParameter.duration("36h", "x"));
        assertThrows(WorkflowInvalidStateException.class, () -> ConditionParameter.duration("soon", "x"));
        assertTrue(new UserEnabledConditionFactory().parse(null));
        assertTrue(new UserEnabledConditionFactory().parse("true"));
        assertFalse(new UserEnabledConditionFactory().parse(" FALSE "));
        assertThrows(WorkflowInvalidStateException.class, () -> new UserEnabledConditionFactory().parse("yes"));
    }
}
