package nl.accountlifecycle.password;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** When a password expires under {@code forceExpiredPasswordChange(days)}, and whether to warn about it. */
public final class PasswordExpiry {

    private PasswordExpiry() {
    }

    /** The moment Keycloak starts forcing a change: the password's creation plus the policy's days. */
    public static Instant expiresAt(long createdMillis, int policyDays) {
        return Instant.ofEpochMilli(createdMillis).plus(policyDays, ChronoUnit.DAYS);
    }

    /**
     * Warn when expiry is at most {@code warnDays} away and not yet reached (Keycloak itself forces the change
     * then), unless the user chose "later" today.
     */
    public static boolean shouldWarn(Instant now, Instant expiresAt, int warnDays, LocalDate snoozedOn, ZoneId zone) {
        if (!now.isBefore(expiresAt) || now.plus(warnDays, ChronoUnit.DAYS).isBefore(expiresAt)) {
            return false;
        }
        return snoozedOn == null || !snoozedOn.equals(LocalDate.ofInstant(now, zone));
    }
}
