package nl.accountlifecycle.odoo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.persistence.EntityManager;
import nl.accountlifecycle.odoo.client.OdooClients;
import nl.accountlifecycle.odoo.client.OdooException;
import nl.accountlifecycle.support.HostPolicy;
import nl.accountlifecycle.support.DaemonThreads;
import nl.accountlifecycle.support.ScheduledWork;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Delivers outbox rows on every node of a cluster. Each poll:
 * <ol>
 *   <li>claims, in a short transaction, the due rows of up to {@code batchSize} users with a lease
 *   ({@link OutboxLedger#claim}), so two nodes never deliver the same row, nor the same user, at the same moment;</li>
 *   <li>reads those users' current state and sends it to Odoo, outside any database transaction;</li>
 *   <li>deletes the delivered rows, or records the failure with exponential backoff (capped), and makes a row
 *   dead after the realm's maximum attempts or a permanent failure ({@link OutboxLedger#record}).</li>
 * </ol>
 * A node that dies mid-delivery leaves its lease to run out; the rows are then claimed again.
 * <p>
 * A poll runs {@code lanes} of these loops at once, each with its own Odoo connection, so one batch's database work
 * overlaps another's round trips. The lanes of one node claim one after the other (a claim is one short
 * transaction), so each gets the next users instead of racing for the same ones; a user is in one lane's lease at a
 * time, so its changes still arrive in order.
 */
public final class OdooWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OdooWorker.class);
    static final String TIMER = "account-lifecycle-odoo-worker";
    static final Duration AWAIT = Duration.ofSeconds(10);

    /** Server-wide worker options, read once from the SPI config. */
    public record Options(long pollMillis, int batchSize, long backoffBaseMillis, long backoffCapMillis,
                          int leaseSeconds, int writeThreads, int lanes) {
    }

    private final KeycloakSessionFactory factory;
    private final Options options;
    private final HostPolicy allowedHosts;
    private final ExecutorService writers;
    /** Runs lanes 1 and up of a poll; lane 0 is the timer's own thread. */
    private final ExecutorService extraLanes;
    private final ReentrantLock claiming = new ReentrantLock();
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, Titles> titles = new ConcurrentHashMap<>();
    /** The realms whose sync-state row this node made sure of. */
    private final Set<String> stateRows = ConcurrentHashMap.newKeySet();
    /** Per realm, the skipped fields this node stored last. */
    private final Map<String, Optional<String>> skippedStored = new ConcurrentHashMap<>();
    private final OdooMetrics metrics = new OdooMetrics();
    private final OutboxLedger ledger;
    private final OdooResync resync;
    private ScheduledWork polling;

    private record Connection(String key, OdooDelivery delivery) {
    }

    /** A realm's partner titles, shared by its lanes while they use the same connection settings. */
    private record Titles(String key, OdooTitles titles) {
    }

    public OdooWorker(KeycloakSessionFactory factory, Options options, HostPolicy allowedHosts) {
        this.factory = factory;
        this.options = options;
        this.allowedHosts = allowedHosts;
        this.ledger = new OutboxLedger(options, metrics);
        this.resync = new OdooResync(factory, options.batchSize() * options.lanes());
        this.writers = Executors.newFixedThreadPool(options.writeThreads(), DaemonThreads.named("account-lifecycle-odoo-writer"));
        this.extraLanes = options.lanes() > 1
                ? Executors.newFixedThreadPool(options.lanes() - 1, DaemonThreads.named("account-lifecycle-odoo-lane")) : null;
    }

    /**
     * Once Keycloak has migrated the database: moves API keys still kept in realm attributes into the bundle's
     * table, and starts polling on this node.
     */
    public void scheduleAfterStartup() {
        polling = ScheduledWork.afterStartup(factory, TIMER, options.pollMillis(), () -> {
            try {
                OdooSecrets.migrateAll(factory);
            } catch (RuntimeException e) { // another node moved the same key first; the next read finishes the job
                LOG.warnf("moving Odoo API keys out of realm attributes: %s", e.toString());
            }
        }, this::poll);
    }

    /**
     * Stops polling (waiting for a poll in progress, which waits for its lanes), then the lane and writer threads,
     * then the Odoo connections.
     */
    @Override
    public void close() {
        if (polling != null) {
            polling.close();
        }
        if (extraLanes != null) {
            DaemonThreads.stop(extraLanes, AWAIT);
        }
        DaemonThreads.stop(writers, AWAIT);
        connections.values().forEach(c -> c.delivery().client().close());
        connections.clear();
    }

    /** One poll: every lane delivers until nothing due is left (bounded), advancing re-sync jobs as it goes. */
    void poll() {
        try {
            List<Future<?>> others = new ArrayList<>();
            for (int lane = 1; lane < options.lanes(); lane++) {
                int which = lane;
                others.add(extraLanes.submit(() -> drain(which)));
            }
            drain(0);
            for (Future<?> other : others) {
                awaitLane(other);
            }
            KeycloakModelUtils.runJobInTransaction(factory, session -> metrics.queueDepth(OdooQueries.pendingByRealm(em(session))));
        } catch (RuntimeException e) {
            LOG.warnf("Odoo sync poll failed: %s; next poll in %d ms", e.toString(), options.pollMillis());
        }
    }

    /** One lane's part of a poll: batches until fewer than a full one are due and no re-sync page was queued. */
    private void drain(int lane) {
        for (int round = 0; round < 50; round++) {
            int queued = resync.topUp();
            if (deliverOnce(lane) < options.batchSize() && queued == 0) {
                break;
            }
        }
    }

    private static void awaitLane(Future<?> lane) {
        try {
            lane.get();
        } catch (ExecutionException e) {
            LOG.warnf("Odoo sync lane failed: %s", e.getCause().toString());
        } catch (InterruptedException e) {
            lane.cancel(true);
            Thread.currentThread().interrupt();
        }
    }

    /** Claims, delivers and records one batch on connection {@code lane}; returns how many users it handled. */
    int deliverOnce(int lane) {
        OutboxLedger.Claimed claimed;
        claiming.lock();
        try {
            claimed = KeycloakModelUtils.runJobInTransactionWithResult(factory, ledger::claim);
        } finally {
            claiming.unlock();
        }
        if (claimed.rows().isEmpty()) {
            return 0;
        }
        Map<String, List<OutboxEntity>> byRealm = new LinkedHashMap<>();
        claimed.rows().forEach(r -> byRealm.computeIfAbsent(r.getRealmId(), k -> new ArrayList<>()).add(r));
        Map<String, OdooException> failures = new HashMap<>();
        Map<String, Integer> maxAttempts = new HashMap<>();
        int users = 0;
        for (Map.Entry<String, List<OutboxEntity>> realmRows : byRealm.entrySet()) {
            String realmId = realmRows.getKey();
            if (stateRows.add(realmId)) {
                OdooResync.ensureState(factory, realmId);
            }
            List<String> userIds = realmRows.getValue().stream().map(OutboxEntity::getUserId).distinct().toList();
            users += userIds.size();
            Prepared prepared = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> Prepared.of(session, realmId, userIds, allowedHosts));
            maxAttempts.put(realmId, prepared.settings() == null ? OdooSettings.DEFAULT_MAX_ATTEMPTS : prepared.settings().maxAttempts());
            if (prepared.problem() != null) {
                userIds.forEach(id -> failures.put(id, prepared.problem()));
                continue;
            }
            OdooDelivery delivery = delivery(realmId, lane, prepared);
            failures.putAll(delivery.deliver(prepared.snapshots(), prepared.settings()));
            noteSkipped(realmId, delivery.skippedFields());
        }
        KeycloakModelUtils.runJobInTransaction(factory, session -> ledger.record(session, claimed, failures, maxAttempts));
        if (!failures.isEmpty() && LOG.isDebugEnabled()) {
            LOG.debugf("Odoo sync: %d users failed, e.g. %s", failures.size(), failures.values().iterator().next().reason());
        }
        return users;
    }

    /** Stores what a batch left out when it differs from what this node stored last, so most batches write nothing. */
    private void noteSkipped(String realmId, String skipped) {
        Optional<String> now = Optional.ofNullable(skipped);
        if (!now.equals(skippedStored.get(realmId))) {
            KeycloakModelUtils.runJobInTransaction(factory, session -> OdooResync.skippedFields(em(session), realmId, skipped));
            skippedStored.put(realmId, now);
            if (skipped != null) {
                LOG.warnf("Odoo sync of realm %s: %s", realmId, skipped);
            }
        }
    }

    /** The lane's connection to the realm's Odoo, opened again when the settings changed. */
    private OdooDelivery delivery(String realmId, int lane, Prepared prepared) {
        String key = prepared.settings().connectionKey(prepared.apiKey());
        String slot = realmId + "#" + lane;
        Connection current = connections.get(slot);
        if (current == null || !current.key().equals(key)) {
            if (current != null) {
                current.delivery().client().close();
            }
            current = new Connection(key, new OdooDelivery(OdooClients.open(prepared.settings().endpoint(prepared.apiKey())),
                    writers, titles.compute(realmId, (r, t) -> t != null && t.key().equals(key) ? t
                            : new Titles(key, new OdooTitles())).titles()));
            connections.put(slot, current);
        }
        return current.delivery();
    }

    static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
