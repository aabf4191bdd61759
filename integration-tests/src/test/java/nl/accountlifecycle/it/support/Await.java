package nl.accountlifecycle.it.support;

import java.util.function.BooleanSupplier;

/** Waits for what the server does in the background (a worker, an after-commit task), up to 30 seconds. */
public final class Await {

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
