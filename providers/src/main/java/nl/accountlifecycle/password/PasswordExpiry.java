package nl.accountlifecycle.password;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/** When a password expires under {@code forceExpiredPasswordChange(days)}, and whether to warn about it. */
public final class PasswordExpiry {

    private PasswordExpiry() {
    }

    /**
     * The days of the realm's {@code forceExpiredPasswordChange} policy; 0 when passwords do not expire. The one
     * place that reads it, so every caller agrees on what "no expiry" is.
     */
    public static int policyDays(RealmModel realm) {
        return policyDays(realm.getPasswordPolicy());
    }

    static int policyDays(PasswordPolicy policy) {
        int days = policy == null ? -1 : policy.getDaysToExpirePassword();
        return Math.max(0, days);
    }

    /** When the user's newest password was set, through the model API; empty when the user has none. */
    public static Optional<Instant> lastChanged(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .map(CredentialModel::getCreatedDate)
                .filter(Objects::nonNull)
                .max(Long::compare)
                .map(Instant::ofEpochMilli);
    }

    /** The moment Keycloak starts forcing a change: the password's creation plus the policy's days. */
    public static Instant expiresAt(long createdMillis, int policyDays) {
        return expiresAt(Instant.ofEpochMilli(createdMillis), policyDays);
    }

    public static Instant expiresAt(Instant created, int policyDays) {
        return created.plus(policyDays, ChronoUnit.DAYS);
    }

    /**
     * Warn when expiry is at most {@code warnDays} away and not yet reached (Keycloak itself forces the change
     * then), unless the user chose "later" today.
     */
    public static boolean shouldWarn(Instant now, Instant expiresAt, int warnDays, LocalDate snoozedOn, ZoneId zone) {
        return inWarningWindow(now, expiresAt, warnDays) && !snoozedToday(now, snoozedOn, zone);
    }

    /** Expiry at most {@code warnDays} away and not yet reached. Needs no zone: most logins are decided here. */
    public static boolean inWarningWindow(Instant now, Instant expiresAt, int warnDays) {
        return now.isBefore(expiresAt) && !now.plus(warnDays, ChronoUnit.DAYS).isBefore(expiresAt);
    }

    /** Whether the user chose "later" on today's date in {@code zone}. */
    public static boolean snoozedToday(Instant now, LocalDate snoozedOn, ZoneId zone) {
        return snoozedOn != null && snoozedOn.equals(LocalDate.ofInstant(now, zone));
    }
}
