package nl.accountlifecycle.password;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import nl.accountlifecycle.support.TestRealm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;

class PasswordSettingsTest {

    private static RealmModel realm(Map<String, String> attributes, int policyDays) {
        return TestRealm.with(attributes, PasswordStatusTest.policy(PasswordPolicy.FORCE_EXPIRED_ID, Integer.toString(policyDays)));
    }

    @Test
    @DisplayName("Given a 90-day policy and no reminder days then 14, 7 and 1")
    void defaults() {
        PasswordSettings settings = PasswordSettings.of(realm(Map.of(), 90));

        assertEquals(90, settings.policyDays());
        assertEquals(List.of(14, 7, 1), settings.reminderDays());
    }

    @Test
    @DisplayName("Given no expiry in the policy then no reminder days at all")
    void noExpiry() {
        PasswordSettings settings = PasswordSettings.of(TestRealm.with(Map.of(PasswordSettings.REMINDER_DAYS, "14,7")));

        assertEquals(0, settings.policyDays());
        assertEquals(List.of(), settings.reminderDays());
    }

    @Test
    @DisplayName("Given stored days with unusable ones then the usable ones, and the default when none is usable")
    void tolerantDays() {
        assertEquals(List.of(20, 3), PasswordSettings.of(realm(Map.of(PasswordSettings.REMINDER_DAYS, "3, x, 20, 30"), 30)).reminderDays());
        assertEquals(List.of(14, 7, 1), PasswordSettings.of(realm(Map.of(PasswordSettings.REMINDER_DAYS, "soon"), 90)).reminderDays());
    }

    @Test
    @DisplayName("Given days to store then they are stored as the list the scan reads back")
    void storeReadsBack() {
        RealmModel realm = realm(Map.of(), 90);

        PasswordSettings.of(realm).storeReminderDays(List.of(30, 10));

        assertEquals("30,10", realm.getAttribute(PasswordSettings.REMINDER_DAYS));
        assertEquals(List.of(30, 10), PasswordSettings.of(realm).reminderDays());
    }
}
