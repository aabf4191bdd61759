package nl.accountlifecycle.password;

import java.util.List;
import java.util.stream.Collectors;

import nl.accountlifecycle.support.SettingValues;
import org.keycloak.models.RealmModel;

/**
 * A realm's password settings: the expiry from its password policy and the reminder days, realm attribute
 * {@value #REMINDER_DAYS}. Days that cannot be used are left out with a warning in the log, and without any
 * usable day the default {@value ReminderThresholds#DEFAULT} applies, so a bad value never stops a scan or a read.
 */
public final class PasswordSettings {

    public static final String REMINDER_DAYS = ReminderThresholds.ATTRIBUTE;

    private final RealmModel realm;

    private PasswordSettings(RealmModel realm) {
        this.realm = realm;
    }

    public static PasswordSettings of(RealmModel realm) {
        return new PasswordSettings(realm);
    }

    /** The days of {@code forceExpiredPasswordChange}; 0 when passwords do not expire. */
    public int policyDays() {
        return PasswordExpiry.policyDays(realm);
    }

    /** The days before expiry a reminder goes out, widest first; empty when passwords do not expire. */
    public List<Integer> reminderDays() {
        int policyDays = policyDays();
        if (policyDays <= 0) {
            return List.of();
        }
        String configured = SettingValues.text(realm, REMINDER_DAYS);
        if (configured != null) {
            List<String> problems = ReminderThresholds.problems(configured, policyDays);
            if (!problems.isEmpty()) {
                SettingValues.unreadable(realm, REMINDER_DAYS, configured, "the usable days only",
                        "a list of days between 1 and " + (policyDays - 1) + " (" + String.join("; ", problems) + ")");
            }
        }
        return ReminderThresholds.parse(configured, policyDays);
    }

    /** Stores checked days (see {@link ReminderThresholds#problems}). */
    public void storeReminderDays(List<Integer> days) {
        realm.setAttribute(REMINDER_DAYS, days.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
}
