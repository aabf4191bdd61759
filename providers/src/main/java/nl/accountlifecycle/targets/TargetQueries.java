package nl.accountlifecycle.targets;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import nl.accountlifecycle.support.QueueCounts;

/** The targets' queries, in one place: the write path's check, the fan-out, claiming by lease, status and listings. */
final class TargetQueries {

    private TargetQueries() {
    }

    /** Whether the realm has an enabled target: the only read on the write path of a user change. */
    static boolean anyEnabled(EntityManager em, String realmId) {
        return !em.createQuery("select t.id from TargetEntity t where t.realmId = :realm and t.enabled = true", String.class)
                .setParameter("realm", realmId).setMaxResults(1).getResultList().isEmpty();
    }

    static List<TargetEntity> enabled(EntityManager em) {
        return em.createQuery("select t from TargetEntity t where t.enabled = true order by t.id", TargetEntity.class)
                .getResultList();
    }

    /** Pending rows per target with a queue, for the queue-depth gauge. */
    static Map<TargetMetrics.Target, Long> pendingByTarget(EntityManager em) {
        Map<TargetMetrics.Target, Long> pending = new HashMap<>();
        for (Object[] row : em.createQuery("select t.realmId, t.id, t.kind, count(d) from DeliveryEntity d, TargetEntity t"
                + " where d.targetId = t.id and d.status = :pending group by t.realmId, t.id, t.kind", Object[].class)
                .setParameter("pending", DeliveryEntity.PENDING).getResultList()) {
            pending.put(new TargetMetrics.Target((String) row[0], (String) row[1], (String) row[2]), (Long) row[3]);
        }
        return pending;
    }

    static List<TargetEntity> inRealm(EntityManager em, String realmId) {
        return em.createQuery("select t from TargetEntity t where t.realmId = :realm order by t.name", TargetEntity.class)
                .setParameter("realm", realmId).getResultList();
    }

    /** The oldest changes, locked until the fan-out commits: a second node waits, then finds them gone. */
    static List<ChangeEntity> oldestChanges(EntityManager em, int max) {
        return em.createQuery("select c from ChangeEntity c order by c.createdAt, c.id", ChangeEntity.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(max).getResultList();
    }

    /**
     * Users of the target whose oldest pending row is due and none of whose rows is leased, oldest change first:
     * a user's changes arrive in order, and a user waiting for a retry holds back none of the others.
     */
    static List<String> dueUsers(EntityManager em, String targetId, long now, int max) {
        return em.createQuery("select d.userId from DeliveryEntity d where d.targetId = :target and d.status = :pending"
                        + " group by d.userId"
                        + " having min(d.nextAttemptAt) <= :now and max(coalesce(d.leaseUntil, 0)) < :now"
                        + " order by min(d.createdAt)", String.class)
                .setParameter("target", targetId).setParameter("pending", DeliveryEntity.PENDING)
                .setParameter("now", now).setMaxResults(max).getResultList();
    }

    /** Leases the users' pending rows to {@code owner}, except those another worker holds (see the Odoo outbox). */
    static int lease(EntityManager em, String targetId, List<String> users, String owner, long now, long until) {
        return em.createQuery("update DeliveryEntity d set d.leaseOwner = :owner, d.leaseUntil = :until"
                        + " where d.targetId = :target and d.userId in :users and d.status = :pending"
                        + " and (d.leaseUntil is null or d.leaseUntil < :now)"
                        + " and not exists (select p.id from DeliveryEntity p where p.targetId = d.targetId"
                        + "   and p.userId = d.userId and p.leaseUntil >= :now and p.leaseOwner <> :owner)")
                .setParameter("owner", owner).setParameter("until", until).setParameter("target", targetId)
                .setParameter("users", users).setParameter("pending", DeliveryEntity.PENDING).setParameter("now", now)
                .executeUpdate();
    }

    static List<DeliveryEntity> leasedBy(EntityManager em, String owner) {
        return em.createQuery("select d from DeliveryEntity d where d.leaseOwner = :owner order by d.createdAt, d.id",
                DeliveryEntity.class).setParameter("owner", owner).getResultList();
    }

    static int delete(EntityManager em, List<String> ids) {
        return ids.isEmpty() ? 0 : em.createQuery("delete from DeliveryEntity d where d.id in :ids")
                .setParameter("ids", ids).executeUpdate();
    }

    /** pending, failed (pending after at least one failed attempt) and dead rows of a target. */
    static Map<String, Long> counts(EntityManager em, String targetId) {
        return QueueCounts.fold(em.createQuery(QueueCounts.select("d") + " from DeliveryEntity d where d.targetId = :target"
                + QueueCounts.groupBy("d"), Object[].class).setParameter("target", targetId).getResultList(), DeliveryEntity.DEAD);
    }

    static List<DeliveryEntity> dead(EntityManager em, String targetId, int first, int max) {
        return em.createQuery("select d from DeliveryEntity d where d.targetId = :target and d.status = :dead"
                        + " order by d.createdAt, d.id", DeliveryEntity.class)
                .setParameter("target", targetId).setParameter("dead", DeliveryEntity.DEAD)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    /** Rows that failed at least once or are dead: what a retry makes due again. */
    static List<DeliveryEntity> retryable(EntityManager em, String targetId) {
        return em.createQuery("select d from DeliveryEntity d where d.targetId = :target"
                        + " and (d.status = :dead or d.attempts > 0)", DeliveryEntity.class)
                .setParameter("target", targetId).setParameter("dead", DeliveryEntity.DEAD).getResultList();
    }

    static int deleteTarget(EntityManager em, String targetId) {
        em.createQuery("delete from TargetLinkEntity l where l.targetId = :target").setParameter("target", targetId).executeUpdate();
        return em.createQuery("delete from DeliveryEntity d where d.targetId = :target")
                .setParameter("target", targetId).executeUpdate();
    }

    /** The target's resource ids of these users. */
    static Map<String, String> links(EntityManager em, String targetId, List<String> userIds) {
        Map<String, String> links = new HashMap<>();
        em.createQuery("select l from TargetLinkEntity l where l.targetId = :target and l.userId in :users", TargetLinkEntity.class)
                .setParameter("target", targetId).setParameter("users", userIds).getResultStream()
                .forEach(l -> links.put(l.getUserId(), l.getRemoteId()));
        return links;
    }
}
