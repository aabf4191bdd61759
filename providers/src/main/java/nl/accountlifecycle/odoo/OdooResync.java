package nl.accountlifecycle.odoo;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.KeycloakTables;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The full re-sync of a realm ({@code POST odoo/resync}): queues an outbox row for every user of the realm, a page
 * at a time, and keeps the realm's queue of re-sync rows short, so the workers always have a batch to deliver
 * and a change made during the re-sync waits behind at most about {@code lowWater} + {@link #PAGE} rows.
 * <p>
 * Pages follow the user id (keyset): each page starts after the last id queued, which the job keeps in
 * {@code AL_ODOO_SYNC_STATE.RESYNC_CURSOR}, so a page costs the same at the end of the realm as at its start
 * (an offset makes the database walk every earlier user again). A page is queued in one short transaction that
 * ends with a conditional update of the cursor ("still running, still at the cursor I read"); when another node
 * queued the same page first, that update changes nothing and the page is rolled back. No lock is held while the
 * users are read. A user created during the re-sync with an id below the cursor is not queued by it, but its
 * creation queued a row of its own.
 * <p>
 * The page is read by query on Keycloak's {@code USER_ENTITY} (JPA entity {@code UserEntity}, fields
 * {@code id, realmId, serviceAccountClientLink}, the same in Keycloak 26.4 to 26.7) because the model API pages
 * only by offset. So the re-sync covers the users in Keycloak's own database, which includes users imported
 * from LDAP; users a federation provider keeps only in its own store are not read.
 */
final class OdooResync {

    /** Users queued per page. */
    static final int PAGE = 1000;
    private final KeycloakSessionFactory factory;
    /** A realm's next page is queued when fewer of its re-sync rows than this are waiting. */
    private final int lowWater;
    private final ReentrantLock toppingUp = new ReentrantLock();

    /**
     * {@code rowsPerRound}: what the node's lanes deliver in one round together; the queue is topped up below twice
     * that (and never below one page), so the lanes do not run dry between two top-ups.
     */
    OdooResync(KeycloakSessionFactory factory, int rowsPerRound) {
        this.factory = factory;
        this.lowWater = Math.max(PAGE, 2 * rowsPerRound);
    }

    /** Starts a job over the realm's users; the caller holds the state row's lock and checked no job is running. */
    static void start(SyncStateEntity state, long users) {
        state.startResync(users, Clock.millis());
    }

    /**
     * Queues the next page of every running re-sync whose queue ran low; returns how many users it queued. One lane
     * of a node tops up at a time: two would read and insert the same page, and all but one roll back.
     */
    int topUp() {
        if (!toppingUp.tryLock()) {
            return 0;
        }
        try {
            List<String> realms = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> OdooQueries.runningResyncs(em(session)));
            int queued = 0;
            for (String realmId : realms) {
                queued += KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> queueNextPage(session, realmId));
            }
            return queued;
        } finally {
            toppingUp.unlock();
        }
    }

    private int queueNextPage(KeycloakSession session, String realmId) {
        EntityManager em = em(session);
        SyncStateEntity state = em.find(SyncStateEntity.class, realmId);
        if (state == null || state.getResyncStatus() != ResyncStatus.RUNNING || waiting(em, realmId) >= lowWater) {
            return 0;
        }
        String cursor = state.getResyncCursor();
        List<String> page = KeycloakTables.usersAfter(em, realmId, cursor, PAGE);
        long now = Clock.millis();
        for (String userId : page) {
            em.persist(new OutboxEntity(UUID.randomUUID().toString(), realmId, userId, ChangeKind.RESYNC, now));
        }
        boolean last = page.size() < PAGE;
        long done = state.getResyncDone() + page.size();
        Query advance = em.createQuery("update SyncStateEntity s set s.resyncCursor = :next, s.resyncDone = :done,"
                        + " s.resyncTotal = :total, s.resyncStatus = :status"
                        + " where s.realmId = :realm and s.resyncStatus = :running and s.resyncStartedAt = :startedAt"
                        + " and " + (cursor == null ? "s.resyncCursor is null" : "s.resyncCursor = :cursor"))
                .setParameter("next", page.isEmpty() ? cursor : page.get(page.size() - 1))
                .setParameter("done", done)
                .setParameter("total", last ? done : state.getResyncTotal()) // the count at the start grew stale
                .setParameter("status", (last ? ResyncStatus.DONE : ResyncStatus.RUNNING).wire())
                .setParameter("running", ResyncStatus.RUNNING.wire())
                .setParameter("realm", realmId)
                .setParameter("startedAt", state.getResyncStartedAt());
        if (cursor != null) {
            advance.setParameter("cursor", cursor);
        }
        if (advance.executeUpdate() == 0) { // another node queued this page first, or the job was restarted meanwhile
            session.getTransactionManager().setRollbackOnly();
            return 0;
        }
        return page.size();
    }

    /**
     * Records a delivery in the realm's sync-state row, writing that one column: the row also holds the re-sync job,
     * which {@code POST resync} and other nodes change meanwhile, and writing the whole row as it was read
     * (what changing the loaded entity does) would undo their change.
     */
    static void lastSuccess(EntityManager em, String realmId, long now) {
        setOne(em, realmId, "lastSuccessAt", now, state -> state.setLastSuccessAt(now));
    }

    /** Records the optional fields the realm's last batch left out (null: none), writing that one column. */
    static void skippedFields(EntityManager em, String realmId, String skipped) {
        setOne(em, realmId, "skippedFields", skipped, state -> state.setSkippedFields(skipped));
    }

    /**
     * Makes sure the realm's state row exists, in a transaction of its own, before a batch's outcome is recorded:
     * otherwise two lanes (or nodes) that record the realm's first deliveries at once would both insert it, and
     * one of them would lose its whole record (delivered rows not deleted, sent again after the lease). Losing the
     * race here is harmless: the other one created the row.
     */
    static void ensureState(KeycloakSessionFactory factory, String realmId) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                if (em(session).find(SyncStateEntity.class, realmId) == null) {
                    em(session).persist(new SyncStateEntity(realmId));
                }
            });
        } catch (RuntimeException createdMeanwhile) {
            // another lane or node inserted it first
        }
    }

    /** Updates one column of the realm's state row ({@code field}: a constant of this class), or creates the row. */
    private static void setOne(EntityManager em, String realmId, String field, Object value, Consumer<SyncStateEntity> onNew) {
        int updated = em.createQuery("update SyncStateEntity s set s." + field + " = :value where s.realmId = :realm")
                .setParameter("value", value)
                .setParameter("realm", realmId)
                .executeUpdate();
        if (updated == 0) {
            SyncStateEntity state = new SyncStateEntity(realmId);
            onNew.accept(state);
            em.persist(state);
        }
    }

    private static long waiting(EntityManager em, String realmId) {
        return em.createQuery("select count(o) from OutboxEntity o where o.realmId = :realm"
                        + " and o.status = :pending and o.changeKind = :kind", Long.class)
                .setParameter("realm", realmId)
                .setParameter("pending", OutboxStatus.PENDING.name())
                .setParameter("kind", ChangeKind.RESYNC.wire())
                .getSingleResult();
    }

    private static EntityManager em(KeycloakSession session) {
        return OdooWorker.em(session);
    }
}
