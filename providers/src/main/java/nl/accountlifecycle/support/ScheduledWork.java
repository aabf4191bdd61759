package nl.accountlifecycle.support;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.timer.TimerProvider;

/**
 * Work that Keycloak's timer runs on this node every interval, from the end of startup (after database migration)
 * until {@link #close()}, which cancels the timer and waits for a run in progress, so nothing of the bundle still
 * runs once its factory is closed.
 */
public final class ScheduledWork implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ScheduledWork.class);
    static final long AWAIT_SECONDS = 30;

    private final String name;
    private final Runnable work;
    /** Cancels the task of Keycloak's timer. */
    private final Runnable cancel;
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean closed;

    ScheduledWork(String name, Runnable work, Runnable cancel) {
        this.name = name;
        this.work = work;
        this.cancel = cancel;
    }

    /** Schedules {@code work} every {@code intervalMillis} once Keycloak has started; before that it runs never. */
    public static ScheduledWork afterStartup(KeycloakSessionFactory factory, String name, long intervalMillis, Runnable work) {
        return afterStartup(factory, name, intervalMillis, () -> { }, work);
    }

    /** The same, with {@code first} run once at the end of startup, before the timer starts. */
    public static ScheduledWork afterStartup(KeycloakSessionFactory factory, String name, long intervalMillis,
                                             Runnable first, Runnable work) {
        ScheduledWork scheduled = new ScheduledWork(name, work, () -> KeycloakModelUtils.runJobInTransaction(factory,
                session -> session.getProvider(TimerProvider.class).cancelTask(name)));
        factory.register(event -> {
            if (event instanceof PostMigrationEvent && !scheduled.closed) {
                first.run();
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                        .schedule(scheduled::runOnce, intervalMillis, name));
            }
        });
        return scheduled;
    }

    void runOnce() {
        if (closed || !running.tryLock()) {
            return;
        }
        try {
            if (!closed) {
                work.run();
            }
        } finally {
            running.unlock();
        }
    }

    /** Cancels the timer and waits (at most {@value #AWAIT_SECONDS} s) for a run in progress to end. */
    @Override
    public void close() {
        closed = true;
        try {
            cancel.run();
        } catch (RuntimeException e) { // the server is shutting down; the flag stops any further run
            LOG.debugf("cancelling timer %s: %s", name, e.toString());
        }
        try {
            if (running.tryLock(AWAIT_SECONDS, TimeUnit.SECONDS)) {
                running.unlock();
            } else {
                LOG.warnf("timer %s still running after %d s at shutdown", name, AWAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
