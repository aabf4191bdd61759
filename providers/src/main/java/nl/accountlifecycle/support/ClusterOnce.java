package nl.accountlifecycle.support;

import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakSessionTask;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Schedules work that runs once per interval in the whole cluster: every node's timer fires, and Keycloak's
 * cluster provider lets only the first node in each interval run the task, in its own transaction.
 */
public final class ClusterOnce {

    private static final Logger LOG = Logger.getLogger(ClusterOnce.class);

    private ClusterOnce() {
    }

    /**
     * Schedules {@code task} once Keycloak has finished starting (after database migration); the factory that
     * scheduled it closes the returned handle in its {@code close()}.
     */
    public static ScheduledWork scheduleAfterStartup(KeycloakSessionFactory factory, String name, long intervalMillis,
                                                     KeycloakSessionTask task) {
        return ScheduledWork.afterStartup(factory, name, intervalMillis, () -> runOnce(factory, name, intervalMillis, task));
    }

    /**
     * Runs {@code task} now under the same cluster-wide lock as the scheduled runs; returns its result, or
     * null when another run holds the lock.
     */
    public static <T> T runNow(KeycloakSessionFactory factory, String name, int lockSeconds,
                               org.keycloak.models.KeycloakSessionTaskWithResult<T> task) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            org.keycloak.cluster.ExecutionResult<T> result = session.getProvider(ClusterProvider.class)
                    .executeIfNotExecuted(name, lockSeconds, () -> KeycloakModelUtils.runJobInTransactionWithResult(factory, task));
            return result.isExecuted() ? result.getResult() : null;
        });
    }

    static void runOnce(KeycloakSessionFactory factory, String name, long intervalMillis, KeycloakSessionTask task) {
        int lockSeconds = (int) Math.max(1, intervalMillis / 1000 - 1);
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(ClusterProvider.class)
                    .executeIfNotExecuted(name, lockSeconds, () -> {
                        KeycloakModelUtils.runJobInTransaction(factory, task);
                        return null;
                    }));
        } catch (RuntimeException e) {
            LOG.warnf(e, "scheduled task %s failed; it runs again in %d ms", name, intervalMillis);
        }
    }
}
