package nl.accountlifecycle.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReminderThresholdsTest {

    @Test
    @DisplayName("Given no setting then the reminders go at 14, 7 and 1 days, widest first")
    void defaults() {
        assertEquals(List.of(14, 7, 1), ReminderThresholds.parse(null, 90));
        assertEquals(List.of(30, 2), ReminderThresholds.parse(" 2, 30 ", 90));
    }

    @Test
    @DisplayName("Given bad values then they are named as problems and left out; all bad falls back to the default")
    void badValues() {
        assertEquals(List.of(7), ReminderThresholds.parse("abc,0,-3,7,90", 90));
        assertEquals(List.of(14, 7, 1), ReminderThresholds.parse("abc,0", 90));
        assertEquals(List.of("'abc' is not a number of days", "0 is not between 1 and 89", "90 is not between 1 and 89"),
                ReminderThresholds.problems("abc,0,7,90", 90));
        assertTrue(ReminderThresholds.problems("14,7,1", 90).isEmpty());
    }

    @Test
    @DisplayName("Given the time left then the narrowest threshold it falls within is the one due")
    void currentThreshold() {
        List<Integer> thresholds = List.of(14, 7, 1);
        assertNull(ReminderThresholds.current(thresholds, 15L * 86400));
        assertEquals(14, ReminderThresholds.current(thresholds, 10L * 86400));
        assertEquals(7, ReminderThresholds.current(thresholds, 7L * 86400));
        assertEquals(1, ReminderThresholds.current(thresholds, 3600));
    }

    @Test
    @DisplayName("Given the record of one password then a threshold is sent once, and a new password starts afresh")
    void record() {
        long created = 1_790_000_000_000L;
        String stored = ReminderThresholds.record(null, created, 14);
        assertEquals(created + ":14", stored);
        assertTrue(ReminderThresholds.alreadySent(stored, created, 14));
        assertFalse(ReminderThresholds.alreadySent(stored, created, 7));
        stored = ReminderThresholds.record(stored, created, 7);
        assertTrue(ReminderThresholds.alreadySent(stored, created, 14), "a narrower reminder covers the wider one");
        assertFalse(ReminderThresholds.alreadySent(stored, created + 1, 14), "another password");
        assertEquals(created + ":14", ReminderThresholds.forget(stored, created, 7));
    }
}
