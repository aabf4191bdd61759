package nl.accountlifecycle.odoo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import nl.accountlifecycle.support.QueueCounts;

/** The outbox's queries, in one place: claiming by lease, counts for status and metrics, listings. */
final class OdooQueries {

    private OdooQueries() {
    }

    /** Users with a due row and no live lease on any of their rows, oldest change first. */
    static List<String> dueUsers(EntityManager em, long now, int max) {
        return em.createQuery("select o.userId from OutboxEntity o"
                        + " where o.status = :pending and o.nextAttemptAt <= :now"
                        + " and not exists (select p.id from OutboxEntity p where p.userId = o.userId and p.leaseUntil >= :now)"
                        + " group by o.userId order by min(o.createdAt)", String.class)
                .setParameter("pending", OutboxStatus.PENDING.name())
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
    }

    /**
     * Leases every pending row of these users to {@code owner}, except rows another worker leased meanwhile and
     * users another worker holds. One conditional UPDATE: under PostgreSQL's row locks a concurrent claimer waits,
     * then re-checks the condition and skips what was taken.
     */
    static int lease(EntityManager em, List<String> users, String owner, long now, long until) {
        return em.createQuery("update OutboxEntity o set o.leaseOwner = :owner, o.leaseUntil = :until"
                        + " where o.userId in :users and o.status = :pending"
                        + " and (o.leaseUntil is null or o.leaseUntil < :now)"
                        + " and not exists (select p.id from OutboxEntity p where p.userId = o.userId"
                        + "   and p.leaseUntil >= :now and p.leaseOwner <> :owner)")
                .setParameter("owner", owner)
                .setParameter("pending", OutboxStatus.PENDING.name())
                .setParameter("until", until)
                .setParameter("users", users)
                .setParameter("now", now)
                .executeUpdate();
    }

    static List<OutboxEntity> leasedBy(EntityManager em, String owner) {
        return em.createQuery("select o from OutboxEntity o where o.leaseOwner = :owner order by o.createdAt", OutboxEntity.class)
                .setParameter("owner", owner)
                .getResultList();
    }

    static Map<String, Long> pendingByRealm(EntityManager em) {
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : em.createQuery("select o.realmId, count(o) from OutboxEntity o where o.status = :pending"
                + " group by o.realmId", Object[].class).setParameter("pending", OutboxStatus.PENDING.name()).getResultList()) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return counts;
    }

    /** pending, failed (pending after at least one failed attempt) and dead rows of a realm. */
    static Map<String, Long> counts(EntityManager em, String realmId) {
        return QueueCounts.fold(em.createQuery(QueueCounts.select("o") + " from OutboxEntity o where o.realmId = :realm"
                + QueueCounts.groupBy("o"), Object[].class).setParameter("realm", realmId).getResultList(), OutboxStatus.DEAD.name());
    }

    static List<OutboxEntity> dead(EntityManager em, String realmId, int first, int max) {
        return em.createQuery("select o from OutboxEntity o where o.realmId = :realm and o.status = :dead"
                        + " order by o.createdAt", OutboxEntity.class)
                .setParameter("realm", realmId)
                .setParameter("dead", OutboxStatus.DEAD.name())
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    static List<OutboxEntity> retryable(EntityManager em, String realmId) {
        return em.createQuery("select o from OutboxEntity o where o.realmId = :realm"
                        + " and (o.status = :dead or o.attempts > 0)", OutboxEntity.class)
                .setParameter("realm", realmId)
                .setParameter("dead", OutboxStatus.DEAD.name())
                .getResultList();
    }

    /** One user's rows that failed at least once or are dead: what a retry of that user makes due again. */
    static List<OutboxEntity> retryable(EntityManager em, String realmId, String userId) {
        return em.createQuery("select o from OutboxEntity o where o.realmId = :realm and o.userId = :user"
                        + " and (o.status = :dead or o.attempts > 0)", OutboxEntity.class)
                .setParameter("realm", realmId)
                .setParameter("user", userId)
                .setParameter("dead", OutboxStatus.DEAD.name())
                .getResultList();
    }

    static List<String> runningResyncs(EntityManager em) {
        return em.createQuery("select s.realmId from SyncStateEntity s where s.resyncStatus = :running", String.class)
                .setParameter("running", ResyncStatus.RUNNING.wire())
                .getResultList();
    }

    /** Removes the delivered rows of a lease in one statement. */
    static int deleteDelivered(EntityManager em, String owner, List<String> userIds) {
        return em.createQuery("delete from OutboxEntity o where o.leaseOwner = :owner and o.userId in :users")
                .setParameter("owner", owner).setParameter("users", userIds).executeUpdate();
    }
}
