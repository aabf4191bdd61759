package nl.accountlifecycle.support;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** The bundle's own thread pools: daemon threads with a name, and one way to stop a pool. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Threads named {@code name} that never keep the JVM alive. */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Lets the pool finish what it runs, waiting at most {@code wait}, then interrupts what is left. */
    public static void stop(ExecutorService pool, Duration wait) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
