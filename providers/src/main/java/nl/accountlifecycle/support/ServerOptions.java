package nl.accountlifecycle.support;

import org.keycloak.Config;

/** Reading the bundle's server-wide SPI options: a bad value stops the server with a message naming the option. */
public final class ServerOptions {

    private ServerOptions() {
    }

    /** A positive whole number, or {@code fallback} when the option is not set. */
    public static long positive(Config.Scope config, String optionPrefix, String name, long fallback) {
        long value = config.getLong(name, fallback);
        if (value <= 0) {
            throw new IllegalArgumentException(optionPrefix + name + " must be a positive number, got " + value);
        }
        return value;
    }
}
