package nl.accountlifecycle.password;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import nl.accountlifecycle.password.LegacyReminderMigration.Sent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LegacyReminderMigrationTest {

    @Test
    @DisplayName("Given the attribute of bundle versions before 2026-11-23 then each recorded threshold becomes one reminder of that password")
    void parsesLegacyValue() {
        assertEquals(List.of(new Sent(1790000000000L, 7), new Sent(1790000000000L, 14)),
                LegacyReminderMigration.parse("1790000000000:14,7"));
        assertEquals(List.of(new Sent(5L, 1)), LegacyReminderMigration.parse("5:1"));
    }

    @Test
    @DisplayName("Given a damaged value then what can be read is kept and the rest is left out (at worst one reminder again)")
    void damagedValues() {
        assertEquals(List.of(), LegacyReminderMigration.parse(null));
        assertEquals(List.of(), LegacyReminderMigration.parse(""));
        assertEquals(List.of(), LegacyReminderMigration.parse("no-colon"));
        assertEquals(List.of(), LegacyReminderMigration.parse("abc:14"));
        assertEquals(List.of(), LegacyReminderMigration.parse("5:"));
        assertEquals(List.of(new Sent(5L, 7)), LegacyReminderMigration.parse("5:x, 7 ,"));
    }
}
