package nl.accountlifecycle.targets;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;


import jakarta.persistence.EntityManager;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.DaemonThreads;
import nl.accountlifecycle.support.HostPolicy;
import nl.accountlifecycle.support.ScheduledWork;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Delivers the targets' changes on every node of a cluster. Each poll fans the new changes out into one delivery row
 * per enabled target ({@link #fanOut}), then drains each target on a thread of its own, so a slow or dead target holds
 * back no other. A drain claims the due rows of up to {@code batchSize} users with a lease (two nodes never send the
 * same row at once), sends each user's messages in order and users side by side ({@code concurrency} at a time),
 * and records the outcome: delivered rows are deleted, failed ones wait with exponential backoff (or the receiver's
 * {@code Retry-After}) and become dead letters after the target's maximum attempts. A node that dies mid-delivery
 * leaves its lease to run out; the rows are then sent again, with the same {@code webhook-id}.
 */
final class TargetWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TargetWorker.class);
    static final String TIMER = "account-lifecycle-targets-worker";
    static final int FAN_OUT_PAGE = 500;

    /** Server-wide options, read once from the SPI config ({@link TargetSync}). */
    record Options(long pollMillis, int batchSize, int concurrency, long backoffBaseMillis, long backoffCapMillis,
                   int leaseSeconds, long timeoutMillis, int threads) {
    }

    private final KeycloakSessionFactory factory;
    private final Options options;
    private final ExecutorService drains;
    private final ExecutorService http;
    private final TargetBatches batches;
    private final Set<String> draining = ConcurrentHashMap.newKeySet();
    private final TargetMetrics metrics = new TargetMetrics();
    private ScheduledWork polling;

    TargetWorker(KeycloakSessionFactory factory, Options options, HostPolicy hosts) {
        this.factory = factory;
        this.options = options;
        this.drains = Executors.newFixedThreadPool(options.threads(), DaemonThreads.named("account-lifecycle-target"));
        this.http = Executors.newFixedThreadPool(2, DaemonThreads.named("account-lifecycle-target-http"));
        this.batches = new TargetBatches(hosts, new TargetHttp(http, Duration.ofMillis(options.timeoutMillis())), options.concurrency());
    }

    void scheduleAfterStartup() {
        polling = ScheduledWork.afterStartup(factory, TIMER, options.pollMillis(), this::poll);
    }

    @Override
    public void close() {
        if (polling != null) {
            polling.close();
        }
        DaemonThreads.stop(drains, Duration.ofSeconds(10));
        DaemonThreads.stop(http, Duration.ofSeconds(10));
    }

    void poll() {
        try {
            fanOut();
            KeycloakModelUtils.runJobInTransaction(factory, session -> TargetResync.running(TargetOutbox.em(session))
                    .forEach(target -> KeycloakModelUtils.runJobInTransaction(factory,
                            own -> TargetResync.topUp(TargetOutbox.em(own), target))));
            List<TargetMetrics.Target> targets = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                metrics.queueDepth(TargetQueries.pendingByTarget(TargetOutbox.em(session)));
                return TargetQueries.enabled(TargetOutbox.em(session)).stream()
                        .map(t -> new TargetMetrics.Target(t.getRealmId(), t.getId(), t.getKind())).toList();
            });
            for (TargetMetrics.Target target : targets) {
                if (draining.add(target.id())) {
                    drains.submit(() -> {
                        try {
                            drain(target);
                        } catch (RuntimeException e) {
                            LOG.warnf("delivery to target %s failed: %s", target.id(), e.toString());
                        } finally {
                            draining.remove(target.id());
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("targets poll failed: %s; next poll in %d ms", e.toString(), options.pollMillis());
        }
    }

    /** Turns each change into one delivery row per enabled target of its realm, page by page; returns how many changes. */
    int fanOut() {
        int total = 0;
        for (int page = 0; page < 100; page++) {
            int n = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> fanOutPage(TargetOutbox.em(session)));
            total += n;
            if (n < FAN_OUT_PAGE) {
                break;
            }
        }
        return total;
    }

    private static int fanOutPage(EntityManager em) {
        List<ChangeEntity> changes = TargetQueries.oldestChanges(em, FAN_OUT_PAGE);
        Map<String, List<String>> targetsByRealm = new HashMap<>();
        for (ChangeEntity change : changes) {
            for (String target : targetsByRealm.computeIfAbsent(change.getRealmId(), realm -> TargetQueries.inRealm(em, realm)
                    .stream().filter(TargetEntity::isEnabled).map(TargetEntity::getId).toList())) {
                em.persist(new DeliveryEntity(UUID.randomUUID().toString(), target, change));
            }
            em.remove(change);
        }
        return changes.size();
    }

    private void drain(TargetMetrics.Target target) {
        for (int round = 0; round < 50; round++) {
            if (deliverOnce(target) < options.batchSize()) {
                return;
            }
        }
    }

    /** Claims, sends and records one batch of the target; returns how many users it handled. */
    int deliverOnce(TargetMetrics.Target target) {
        String targetId = target.id();
        String owner = UUID.randomUUID().toString();
        long started = System.nanoTime();
        List<DeliveryEntity> rows = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            EntityManager em = TargetOutbox.em(session);
            long now = Clock.millis();
            List<String> users = TargetQueries.dueUsers(em, targetId, now, options.batchSize());
            if (users.isEmpty()) {
                return List.of();
            }
            TargetQueries.lease(em, targetId, users, owner, now, now + options.leaseSeconds() * 1000L);
            return TargetQueries.leasedBy(em, owner);
        });
        if (rows.isEmpty()) {
            return 0;
        }
        long claimed = System.nanoTime();
        TargetBatch batch = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> batches.prepare(session, targetId, rows));
        long prepared = System.nanoTime();
        Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        if (batch.problem() != null) {
            rows.forEach(row -> outcomes.put(row.getId(), Outcome.failed(batch.problem())));
        } else if (!batch.release()) {
            batch.send(outcomes);
        }
        long sent = System.nanoTime();
        DeliveryLedger.Recorded recorded = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            batch.learnt(TargetOutbox.em(session));
            return DeliveryLedger.record(TargetOutbox.em(session), targetId, rows, outcomes, batch.maxAttempts(), options);
        });
        if (LOG.isDebugEnabled()) {
            LOG.debugf("target %s: %d rows, claimed in %d ms, read in %d ms, sent in %d ms, recorded in %d ms", targetId,
                    rows.size(), (claimed - started) / 1_000_000, (prepared - claimed) / 1_000_000, (sent - prepared) / 1_000_000,
                    (System.nanoTime() - sent) / 1_000_000);
        }
        metrics.delivered(target, recorded.delivered());
        if (recorded.failed() > 0) {
            metrics.failed(target, recorded.failed(), recorded.dead());
        }
        return (int) rows.stream().map(DeliveryEntity::getUserId).distinct().count();
    }
}
