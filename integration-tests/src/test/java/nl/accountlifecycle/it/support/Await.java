package nl.accountlifecycle.it.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for work the server does on its own (mail workers, scheduled scans, the Odoo worker) by polling.
 * Waits for time to pass use the test framework's time offset instead, never this.
 */
public final class Await {

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails with {@code what} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /** Polls for at most 30 s. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, Duration.ofSeconds(30), condition);
    }

    /** Polls {@code value} until it is not null and returns it; fails with {@code what} after {@code timeout}. */
    public static <T> T value(String what, Duration timeout, Supplier<T> value) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            pause(Duration.ofMillis(200));
        }
    }

    /**
     * Lets the server's workers run for a moment before a check that nothing more arrived (a second mail, say).
     * There is no event to wait for when the right outcome is that nothing happens.
     */
    public static void quietPeriod(Duration period) {
        pause(period);
    }

    private static void pause(Duration period) {
        try {
            Thread.sleep(period.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
