package nl.accountlifecycle.odoo;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManager;
import nl.accountlifecycle.odoo.client.OdooClients;
import nl.accountlifecycle.odoo.client.OdooException;
import nl.accountlifecycle.odoo.client.OdooHostPolicy;
import nl.accountlifecycle.support.KeycloakTables;
import nl.accountlifecycle.support.ScheduledWork;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
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
 */
public final class OdooWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OdooWorker.class);
    static final String TIMER = "account-lifecycle-odoo-worker";
    static final long AWAIT_WRITERS_SECONDS = 10;

    /** Server-wide worker options, read once from the SPI config. */
    public record Options(long pollMillis, int batchSize, long backoffBaseMillis, long backoffCapMillis,
                          int leaseSeconds, int writeThreads) {
    }

    private final KeycloakSessionFactory factory;
    private final Options options;
    private final OdooHostPolicy allowedHosts;
    private final ExecutorService writers;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final OdooMetrics metrics = new OdooMetrics();
    private final OutboxLedger ledger;
    private final OdooResync resync;
    private ScheduledWork polling;

    private record Connection(String key, OdooDelivery delivery) {
    }

    private record Prepared(OdooSettings settings, String apiKey, List<UserSnapshot> snapshots, OdooException problem) {
        static Prepared refused(OdooSettings settings, String why) {
            return new Prepared(settings, null, List.of(), new OdooException(OdooException.Kind.REFUSED, why));
        }
    }

    public OdooWorker(KeycloakSessionFactory factory, Options options, OdooHostPolicy allowedHosts) {
        this.factory = factory;
        this.options = options;
        this.allowedHosts = allowedHosts;
        this.ledger = new OutboxLedger(options, metrics);
        this.resync = new OdooResync(factory);
        this.writers = Executors.newFixedThreadPool(options.writeThreads(), r -> {
            Thread t = new Thread(r, "account-lifecycle-odoo-writer");
            t.setDaemon(true);
            return t;
        });
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

    /** Stops polling (waiting for a poll in progress), then the writer threads, then the Odoo connections. */
    @Override
    public void close() {
        if (polling != null) {
            polling.close();
        }
        writers.shutdown();
        try {
            if (!writers.awaitTermination(AWAIT_WRITERS_SECONDS, TimeUnit.SECONDS)) {
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            writers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        connections.values().forEach(c -> c.delivery().client().close());
        connections.clear();
    }

    /** One poll: deliver until nothing due is left (bounded), then advance re-sync jobs. */
    void poll() {
        try {
            for (int round = 0; round < 50; round++) {
                int queued = resync.topUp();
                if (deliverOnce() < options.batchSize() && queued == 0) {
                    break;
                }
            }
            KeycloakModelUtils.runJobInTransaction(factory, session -> metrics.queueDepth(OdooQueries.pendingByRealm(em(session))));
        } catch (RuntimeException e) {
            LOG.warnf("Odoo sync poll failed: %s; next poll in %d ms", e.toString(), options.pollMillis());
        }
    }

    /** Claims, delivers and records one batch; returns how many users it handled. */
    int deliverOnce() {
        OutboxLedger.Claimed claimed = KeycloakModelUtils.runJobInTransactionWithResult(factory, ledger::claim);
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
            List<String> userIds = realmRows.getValue().stream().map(OutboxEntity::getUserId).distinct().toList();
            users += userIds.size();
            Prepared prepared = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> prepare(session, realmId, userIds));
            maxAttempts.put(realmId, prepared.settings() == null ? OdooSettings.DEFAULT_MAX_ATTEMPTS : prepared.settings().maxAttempts());
            if (prepared.problem() != null) {
                userIds.forEach(id -> failures.put(id, prepared.problem()));
                continue;
            }
            failures.putAll(delivery(realmId, prepared).deliver(prepared.snapshots(), prepared.settings()));
        }
        KeycloakModelUtils.runJobInTransaction(factory, session -> ledger.record(session, claimed, failures, maxAttempts));
        if (!failures.isEmpty() && LOG.isDebugEnabled()) {
            LOG.debugf("Odoo sync: %d users failed, e.g. %s", failures.size(), failures.values().iterator().next().reason());
        }
        return users;
    }

    private Prepared prepare(KeycloakSession session, String realmId, List<String> userIds) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return Prepared.refused(null, "the realm no longer exists");
        }
        session.getContext().setRealm(realm);
        OdooSettings settings = OdooSettings.of(session, realm);
        if (!settings.enabled() || settings.url() == null) {
            return Prepared.refused(settings, "the Odoo sync of this realm is disabled or has no url");
        }
        // checked before every batch: the url attribute can change outside the admin REST, and the list with a restart
        String urlProblem = OdooClients.checkUrl(URI.create(settings.url()));
        if (urlProblem == null) {
            urlProblem = allowedHosts.check(URI.create(settings.url()));
        }
        if (urlProblem != null) {
            return Prepared.refused(settings, urlProblem);
        }
        String key = settings.resolveApiKey(session);
        if (key == null) {
            return Prepared.refused(settings, "no API key for this url's host, or its vault entry is missing");
        }
        Map<String, KeycloakTables.UserRow> stored = new KeycloakTables(session).users(realmId, userIds,
                UserSnapshot.ATTRIBUTES, !settings.groupMap().isEmpty());
        List<UserSnapshot> snapshots = new ArrayList<>();
        for (String id : userIds) {
            KeycloakTables.UserRow row = stored.get(id);
            if (row != null) {
                snapshots.add(UserSnapshot.of(row));
            } else { // deleted, or a user of a federated store
                UserModel user = session.users().getUserById(realm, id);
                snapshots.add(user == null ? UserSnapshot.deleted(id) : UserSnapshot.of(user));
            }
        }
        return new Prepared(settings, key, snapshots, null);
    }

    private OdooDelivery delivery(String realmId, Prepared prepared) {
        String key = prepared.settings().connectionKey(prepared.apiKey());
        Connection current = connections.get(realmId);
        if (current == null || !current.key().equals(key)) {
            if (current != null) {
                current.delivery().client().close();
            }
            current = new Connection(key, new OdooDelivery(OdooClients.open(prepared.settings().endpoint(prepared.apiKey())),
                    writers));
            connections.put(realmId, current);
        }
        return current.delivery();
    }

    static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
