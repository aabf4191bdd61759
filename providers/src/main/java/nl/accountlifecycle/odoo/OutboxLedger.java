package nl.accountlifecycle.odoo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.persistence.EntityManager;
import nl.accountlifecycle.odoo.client.OdooException;
import nl.accountlifecycle.support.Clock;
import org.keycloak.models.KeycloakSession;

/** The worker's two short transactions on the outbox: claiming a batch with a lease, and recording how it went. */
final class OutboxLedger {

    /** The rows one lease holds. */
    record Claimed(String owner, List<OutboxEntity> rows) {
    }

    private final OdooWorker.Options options;
    private final OdooMetrics metrics;

    OutboxLedger(OdooWorker.Options options, OdooMetrics metrics) {
        this.options = options;
        this.metrics = metrics;
    }

    /**
     * Leases the due rows of up to {@code batchSize} users: one conditional UPDATE that skips rows leased by anyone
     * else and users with a live lease (PostgreSQL re-checks the condition on rows another transaction just changed).
     */
    Claimed claim(KeycloakSession session) {
        EntityManager em = OdooWorker.em(session);
        long now = Clock.millis();
        List<String> users = OdooQueries.dueUsers(em, now, options.batchSize());
        if (users.isEmpty()) {
            return new Claimed(null, List.of());
        }
        String owner = UUID.randomUUID().toString();
        long until = now + options.leaseSeconds() * 1000L;
        OdooQueries.lease(em, users, owner, now, until);
        return new Claimed(owner, OdooQueries.leasedBy(em, owner));
    }

    /**
     * Deletes the delivered rows; a failed row backs off, or goes dead after the realm's maximum attempts or at
     * once when the failure is permanent (a retry would meet it again).
     */
    void record(KeycloakSession session, Claimed claimed, Map<String, OdooException> failures, Map<String, Integer> maxAttempts) {
        EntityManager em = OdooWorker.em(session);
        long now = Clock.millis();
        Map<String, Integer> delivered = new HashMap<>();
        List<String> deliveredUsers = new ArrayList<>();
        for (OutboxEntity row : claimed.rows()) {
            if (!failures.containsKey(row.getUserId())) {
                deliveredUsers.add(row.getUserId());
                delivered.merge(row.getRealmId(), 1, Integer::sum);
            }
        }
        for (int from = 0; from < deliveredUsers.size(); from += 1000) {
            OdooQueries.deleteDelivered(em, claimed.owner(), deliveredUsers.subList(from, Math.min(deliveredUsers.size(), from + 1000)));
        }
        for (OutboxEntity row : claimed.rows()) {
            OdooException error = failures.get(row.getUserId());
            OutboxEntity current = error == null ? null : em.find(OutboxEntity.class, row.getId());
            if (current == null) {
                continue;
            }
            int attempts = current.getAttempts() + 1;
            boolean dead = error.isPermanent()
                    || attempts >= maxAttempts.getOrDefault(row.getRealmId(), OdooSettings.DEFAULT_MAX_ATTEMPTS);
            current.failed(error.reason(), now + backoffMillis(attempts, options.backoffBaseMillis(), options.backoffCapMillis()), dead);
            metrics.failed(row.getRealmId(), dead);
        }
        delivered.forEach((realmId, count) -> {
            // only this column: writing back the whole row would undo a re-sync started meanwhile
            OdooResync.lastSuccess(em, realmId, now);
            metrics.delivered(realmId, count);
        });
    }

    /** The wait before attempt {@code attempts + 1}: base × 2^(attempts − 1), capped, with up to 10% jitter. */
    static long backoffMillis(int attempts, long baseMillis, long capMillis) {
        double raw = baseMillis * Math.pow(2, Math.max(0, attempts - 1));
        long capped = (long) Math.min(capMillis, raw);
        return capped + (long) (capped * 0.1 * ThreadLocalRandom.current().nextDouble());
    }
}
