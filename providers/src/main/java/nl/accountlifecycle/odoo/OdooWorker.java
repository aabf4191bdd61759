package nl.accountlifecycle.odoo;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.persistence.EntityManager;
import nl.accountlifecycle.odoo.client.OdooClients;
import nl.accountlifecycle.odoo.client.OdooException;
import nl.accountlifecycle.odoo.client.OdooHostPolicy;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.timer.TimerProvider;

/**
 * Delivers outbox rows on every node of a cluster. Each poll:
 * <ol>
 *   <li>claims, in a short transaction, the due rows of up to {@code batchSize} users with a lease: one
 *   conditional UPDATE that skips rows leased by anyone else and users with a live lease, so two nodes never
 *   deliver the same row, nor the same user, at the same moment (PostgreSQL re-checks the condition on rows
 *   another transaction just changed);</li>
 *   <li>reads those users' current state and sends it to Odoo, outside any database transaction;</li>
 *   <li>deletes the delivered rows, or records the failure with exponential backoff (capped), and makes a row
 *   dead after the realm's maximum attempts.</li>
 * </ol>
 * A node that dies mid-delivery leaves its lease to run out; the rows are then claimed again.
 */
public final class OdooWorker {

    private static final Logger LOG = Logger.getLogger(OdooWorker.class);
    static final String TIMER = "account-lifecycle-odoo-worker";

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
    private final OdooResync resync;

    private record Connection(String key, OdooDelivery delivery) {
    }

    private record Claimed(String owner, List<OutboxEntity> rows) {
    }

    public OdooWorker(KeycloakSessionFactory factory, Options options, OdooHostPolicy allowedHosts) {
        this.factory = factory;
        this.options = options;
        this.allowedHosts = allowedHosts;
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
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                try {
                    OdooSecrets.migrateAll(factory);
                } catch (RuntimeException e) { // another node moved the same key first; the next read finishes the job
                    LOG.warnf("moving Odoo API keys out of realm attributes: %s", e.toString());
                }
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                        .schedule(this::poll, options.pollMillis(), TIMER));
            }
        });
    }

    public void close() {
        writers.shutdownNow();
        connections.values().forEach(c -> c.delivery().client().close());
    }

    /** One poll: deliver until nothing due is left (bounded), queueing re-sync pages as the queue runs low. */
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
        long now = System.currentTimeMillis();
        Claimed claimed = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> claim(session, now));
        if (claimed.rows().isEmpty()) {
            return 0;
        }
        Map<String, List<OutboxEntity>> byRealm = new LinkedHashMap<>();
        claimed.rows().forEach(r -> byRealm.computeIfAbsent(r.getRealmId(), k -> new ArrayList<>()).add(r));
        Map<String, String> failures = new HashMap<>();
        Map<String, Boolean> hopeless = new HashMap<>();
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
            OdooDelivery delivery = delivery(realmId, prepared);
            delivery.deliver(prepared.snapshots(), prepared.settings()).forEach((userId, e) -> {
                failures.put(userId, e.reason());
                hopeless.put(userId, e.kind() == OdooException.Kind.REFUSED); // a retry would answer the same
            });
        }
        record(claimed, failures, hopeless, maxAttempts);
        return users;
    }

    private record Prepared(OdooSettings settings, String apiKey, List<UserSnapshot> snapshots, String problem) {
    }

    private Prepared prepare(KeycloakSession session, String realmId, List<String> userIds) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return new Prepared(null, null, List.of(), "refused: the realm no longer exists");
        }
        session.getContext().setRealm(realm);
        OdooSettings settings = OdooSettings.of(session, realm);
        if (!settings.enabled() || settings.url() == null) {
            return new Prepared(settings, null, List.of(), "refused: the Odoo sync of this realm is disabled or has no url");
        }
        // checked before every batch: the url attribute can change outside the admin REST, and the list with a restart
        String urlProblem = OdooClients.checkUrl(URI.create(settings.url()));
        if (urlProblem == null) {
            urlProblem = allowedHosts.check(URI.create(settings.url()));
        }
        if (urlProblem != null) {
            return new Prepared(settings, null, List.of(), "refused: " + urlProblem);
        }
        String key = settings.resolveApiKey(session);
        if (key == null) {
            return new Prepared(settings, null, List.of(), "refused: no API key for this url's host, or its vault entry is missing");
        }
        Map<String, UserSnapshot> stored = OdooQueries.snapshots(em(session), realmId, userIds, !settings.groupMap().isEmpty());
        List<UserSnapshot> snapshots = new ArrayList<>();
        for (String id : userIds) {
            UserSnapshot snapshot = stored.get(id);
            if (snapshot == null) { // deleted, or a user of a federated store
                UserModel user = session.users().getUserById(realm, id);
                snapshot = user == null ? UserSnapshot.deleted(id) : UserSnapshot.of(user);
            }
            snapshots.add(snapshot);
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

    private Claimed claim(KeycloakSession session, long now) {
        EntityManager em = em(session);
        List<String> users = OdooQueries.dueUsers(em, now, options.batchSize());
        if (users.isEmpty()) {
            return new Claimed(null, List.of());
        }
        String owner = UUID.randomUUID().toString();
        long until = now + options.leaseSeconds() * 1000L;
        OdooQueries.lease(em, users, owner, now, until);
        return new Claimed(owner, OdooQueries.leasedBy(em, owner));
    }

    private void record(Claimed claimed, Map<String, String> failures, Map<String, Boolean> hopeless,
                        Map<String, Integer> maxAttempts) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            EntityManager em = em(session);
            long now = System.currentTimeMillis();
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
                String error = failures.get(row.getUserId());
                OutboxEntity current = error == null ? null : em.find(OutboxEntity.class, row.getId());
                if (current == null) {
                    continue;
                }
                int attempts = current.getAttempts() + 1;
                boolean dead = attempts >= maxAttempts.getOrDefault(row.getRealmId(), OdooSettings.DEFAULT_MAX_ATTEMPTS)
                        || Boolean.TRUE.equals(hopeless.get(row.getUserId()));
                current.failed(error, now + backoffMillis(attempts, options.backoffBaseMillis(), options.backoffCapMillis()), dead);
                metrics.failed(row.getRealmId(), dead);
            }
            delivered.forEach((realmId, count) -> {
                OdooResync.lastSuccess(em, realmId, now);
                metrics.delivered(realmId, count);
            });
        });
        if (!failures.isEmpty() && LOG.isDebugEnabled()) {
            LOG.debugf("Odoo sync: %d users failed, e.g. %s", failures.size(), failures.values().iterator().next());
        }
    }

    /** The wait before attempt {@code attempts + 1}: base × 2^(attempts − 1), capped, with up to 10% jitter. */
    static long backoffMillis(int attempts, long baseMillis, long capMillis) {
        double raw = baseMillis * Math.pow(2, Math.max(0, attempts - 1));
        long capped = (long) Math.min(capMillis, raw);
        return capped + (long) (capped * 0.1 * ThreadLocalRandom.current().nextDouble());
    }

    static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
