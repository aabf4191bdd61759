package nl.accountlifecycle.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import nl.accountlifecycle.support.TestRealm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ActivationSettingsTest {

    @Test
    @DisplayName("Given a realm without activation attributes then the defaults: no mail on create, 30 days at most, no self-service, 60 s between resends")
    void defaults() {
        ActivationSettings settings = ActivationSettings.of(TestRealm.with(Map.of()));

        assertFalse(settings.sendOnCreate());
        assertEquals(30 * 24 * 3600, settings.maxLifespan());
        assertFalse(settings.selfServiceResend());
        assertEquals(60, settings.adminResendIntervalSeconds());
        assertEquals(3 * 24 * 3600, settings.defaultLifespan(), "the realm's lifespan for admin-sent links");
    }

    @Test
    @DisplayName("Given stored values then they are used, and 0 turns the resend limit off")
    void storedValues() {
        ActivationSettings settings = ActivationSettings.of(TestRealm.with(Map.of(ActivationSettings.SEND_ON_CREATE, "true",
                ActivationSettings.MAX_LIFESPAN, "3600", ActivationSettings.SELF_SERVICE_RESEND, "TRUE",
                ActivationSettings.ADMIN_RESEND_INTERVAL, "0")));

        assertTrue(settings.sendOnCreate());
        assertEquals(3600, settings.maxLifespan());
        assertTrue(settings.selfServiceResend());
        assertEquals(0, settings.adminResendIntervalSeconds());
    }

    @Test
    @DisplayName("Given unreadable values then the defaults, never an error")
    void unreadableValues() {
        ActivationSettings settings = ActivationSettings.of(TestRealm.with(Map.of(ActivationSettings.SEND_ON_CREATE, "yes",
                ActivationSettings.MAX_LIFESPAN, "0", ActivationSettings.SELF_SERVICE_RESEND, "on",
                ActivationSettings.ADMIN_RESEND_INTERVAL, "-5")));

        assertFalse(settings.sendOnCreate());
        assertEquals(ActivationSettings.DEFAULT_MAX_LIFESPAN, settings.maxLifespan());
        assertFalse(settings.selfServiceResend());
        assertEquals(ActivationSettings.DEFAULT_ADMIN_RESEND_INTERVAL, settings.adminResendIntervalSeconds());
    }
}
