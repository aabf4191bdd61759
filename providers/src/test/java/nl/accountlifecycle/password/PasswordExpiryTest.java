package nl.accountlifecycle.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordExpiryTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    @DisplayName("Given a 90-day policy then the password expires 90 days after it was set")
    void expiresAfterPolicyDays() {
        assertEquals(Instant.parse("2027-02-20T12:00:00Z"), PasswordExpiry.expiresAt(NOW.toEpochMilli(), 90));
    }

    @Test
    @DisplayName("Given 7 warning days then the warning shows in the last 7 days only, not after expiry")
    void warningWindow() {
        assertFalse(PasswordExpiry.shouldWarn(NOW, NOW.plusSeconds(8 * 86400), 7, null, AMSTERDAM), "8 days left");
        assertTrue(PasswordExpiry.shouldWarn(NOW, NOW.plusSeconds(7 * 86400), 7, null, AMSTERDAM), "7 days left");
        assertTrue(PasswordExpiry.shouldWarn(NOW, NOW.plusSeconds(60), 7, null, AMSTERDAM), "a minute left");
        assertFalse(PasswordExpiry.shouldWarn(NOW, NOW, 7, null, AMSTERDAM), "expired: Keycloak forces the change itself");
    }

    @Test
    @DisplayName("Given 'later' was chosen today then no warning until tomorrow in the realm's time zone")
    void laterHonouredForTheDay() {
        Instant expiry = NOW.plusSeconds(3 * 86400);
        assertFalse(PasswordExpiry.shouldWarn(NOW, expiry, 7, LocalDate.of(2026, 11, 22), AMSTERDAM));
        assertTrue(PasswordExpiry.shouldWarn(NOW, expiry, 7, LocalDate.of(2026, 11, 21), AMSTERDAM));
        // 23:30 UTC is already the next day in Amsterdam
        assertTrue(PasswordExpiry.shouldWarn(Instant.parse("2026-11-22T23:30:00Z"), expiry, 7, LocalDate.of(2026, 11, 22), AMSTERDAM));
    }
}
