package nl.accountlifecycle.emailchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import nl.accountlifecycle.support.TestRealm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EmailChangeSettingsTest {

    private static EmailChangeSettings settings(Map<String, String> attributes) {
        return EmailChangeSettings.of(TestRealm.with(attributes));
    }

    @Test
    @DisplayName("Given a realm without email-change attributes then 3-day links, logout on confirm, console edits at once")
    void defaults() {
        EmailChangeSettings settings = settings(Map.of());

        assertEquals(3 * 24 * 3600, settings.lifespan());
        assertTrue(settings.logoutOnConfirm());
        assertFalse(settings.consoleChangeNeedsConfirmation());
    }

    @Test
    @DisplayName("Given stored values then they are used")
    void storedValues() {
        EmailChangeSettings settings = settings(Map.of(EmailChangeSettings.LIFESPAN, "600",
                EmailChangeSettings.LOGOUT_ON_CONFIRM, "false", EmailChangeSettings.CONSOLE_MODE, " Confirm "));

        assertEquals(600, settings.lifespan());
        assertFalse(settings.logoutOnConfirm());
        assertTrue(settings.consoleChangeNeedsConfirmation());
    }

    @Test
    @DisplayName("Given unreadable values then the defaults: a typo never turns the logout off or the console to confirm")
    void unreadableValues() {
        EmailChangeSettings settings = settings(Map.of(EmailChangeSettings.LIFESPAN, "3 days",
                EmailChangeSettings.LOGOUT_ON_CONFIRM, "nee", EmailChangeSettings.CONSOLE_MODE, "later"));

        assertEquals(EmailChangeSettings.DEFAULT_LIFESPAN, settings.lifespan());
        assertTrue(settings.logoutOnConfirm());
        assertFalse(settings.consoleChangeNeedsConfirmation());
    }
}
