package nl.accountlifecycle.support;

import java.time.Instant;

import org.keycloak.common.util.Time;

/**
 * The one clock of the bundle: Keycloak's {@link Time}, which tokens and sessions also use, so that a link's
 * deadline and the token that carries it agree, and tests move time with the server's time offset.
 */
public final class Clock {

    private Clock() {
    }

    public static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
