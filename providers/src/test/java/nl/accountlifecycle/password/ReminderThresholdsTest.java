package nl.accountlifecycle.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    @DisplayName("Given the thresholds then each band runs from the next narrower threshold up to its own")
    void bands() {
        assertEquals(List.of(new ReminderThresholds.Band(14, 7), new ReminderThresholds.Band(7, 1), new ReminderThresholds.Band(1, 0)),
                ReminderThresholds.bands(List.of(14, 7, 1)));
        assertEquals(List.of(new ReminderThresholds.Band(30, 0)), ReminderThresholds.bands(List.of(30)));
        assertTrue(ReminderThresholds.bands(List.of()).isEmpty());
    }
}
