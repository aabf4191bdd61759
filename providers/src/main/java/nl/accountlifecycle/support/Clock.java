package nl.accountlifecycle.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

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

    /** Epoch seconds, as Keycloak's tokens state their expiry. */
    public static int seconds() {
        return Time.currentTime();
    }

    /** Epoch milliseconds, as the bundle's tables store moments. */
    public static long millis() {
        return Time.currentTimeMillis();
    }

    /** The date it is now in {@code zone}. */
    public static LocalDate today(ZoneId zone) {
        return LocalDate.ofInstant(now(), zone);
    }
}
