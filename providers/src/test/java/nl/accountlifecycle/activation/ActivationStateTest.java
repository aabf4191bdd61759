package nl.accountlifecycle.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ActivationStateTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    @DisplayName("Given a pending link whose expiry has passed then the status is expired")
    void pendingTurnsExpired() {
        assertEquals(ActivationState.Status.EXPIRED, ActivationState.status("pending", "2026-11-22T11:59:59Z", NOW));
        assertEquals(ActivationState.Status.EXPIRED, ActivationState.status("pending", "2026-11-22T12:00:00Z", NOW));
        assertEquals(ActivationState.Status.PENDING, ActivationState.status("pending", "2026-11-25T12:00:00Z", NOW));
    }

    @Test
    @DisplayName("Given no or unknown state then the status is none; activated stays activated")
    void otherStates() {
        assertEquals(ActivationState.Status.NONE, ActivationState.status(null, null, NOW));
        assertEquals(ActivationState.Status.NONE, ActivationState.status("weird", null, NOW));
        assertEquals(ActivationState.Status.ACTIVATED, ActivationState.status("activated", null, NOW));
        assertEquals(ActivationState.Status.EXPIRED, ActivationState.status("pending", "garbage", NOW));
    }
}
