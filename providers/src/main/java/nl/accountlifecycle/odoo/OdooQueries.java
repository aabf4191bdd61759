package nl.accountlifecycle.odoo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

/** The outbox's queries, in one place: claiming by lease, counts for status and metrics, listings. */
final class OdooQueries {

    private OdooQueries() {
    }

    /** Users with a due row and no live lease on any of their rows, oldest change first. */
    static List<String> dueUsers(EntityManager em, long now, int max) {
        return em.createQuery("select o.userId from OutboxEntity o"
                        + " where o.status = 'PENDING' and o.nextAttemptAt <= :now"
                        + " and not exists (select p.id from OutboxEntity p where p.userId = o.userId and p.leaseUntil >= :now)"
                        + " group by o.userId order by min(o.createdAt)", String.class)
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
                        + " where o.userId in :users and o.status = 'PENDING'"
                        + " and (o.leaseUntil is null or o.leaseUntil < :now)"
                        + " and not exists (select p.id from OutboxEntity p where p.userId = o.userId"
                        + "   and p.leaseUntil >= :now and p.leaseOwner <> :owner)")
                .setParameter("owner", owner)
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
        for (Object[] row : em.createQuery("select o.realmId, count(o) from OutboxEntity o where o.status = 'PENDING'"
                + " group by o.realmId", Object[].class).getResultList()) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return counts;
    }

    /** pending, failed (pending after at least one failed attempt) and dead rows of a realm. */
    static Map<String, Long> counts(EntityManager em, String realmId) {
        Map<String, Long> counts = new HashMap<>(Map.of("pending", 0L, "failed", 0L, "dead", 0L));
        for (Object[] row : em.createQuery("select o.status, case when o.attempts > 0 then 1 else 0 end, count(o)"
                + " from OutboxEntity o where o.realmId = :realm"
                + " group by o.status, case when o.attempts > 0 then 1 else 0 end", Object[].class)
                .setParameter("realm", realmId).getResultList()) {
            long n = (Long) row[2];
            if (OutboxEntity.DEAD.equals(row[0])) {
                counts.merge("dead", n, Long::sum);
            } else {
                counts.merge("pending", n, Long::sum);
                if (((Number) row[1]).intValue() == 1) {
                    counts.merge("failed", n, Long::sum);
                }
            }
        }
        return counts;
    }

    static List<OutboxEntity> dead(EntityManager em, String realmId, int first, int max) {
        return em.createQuery("select o from OutboxEntity o where o.realmId = :realm and o.status = 'DEAD'"
                        + " order by o.createdAt", OutboxEntity.class)
                .setParameter("realm", realmId)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    static List<OutboxEntity> retryable(EntityManager em, String realmId) {
        return em.createQuery("select o from OutboxEntity o where o.realmId = :realm"
                        + " and (o.status = 'DEAD' or o.attempts > 0)", OutboxEntity.class)
                .setParameter("realm", realmId)
                .getResultList();
    }

    static List<String> runningResyncs(EntityManager em) {
        return em.createQuery("select s.realmId from SyncStateEntity s where s.resyncStatus = 'running'", String.class)
                .getResultList();
    }

    /**
     * The users of a batch, read with three queries instead of loading each user model (several queries a
     * user): at 200 users a batch, loading them one by one took most of a batch's time. Only users stored in
     * Keycloak's own database are found here; the caller loads any other (a federated user) through the model.
     */
    static Map<String, UserSnapshot> snapshots(EntityManager em, String realmId, List<String> ids, boolean withGroups) {
        Map<String, Object[]> users = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("select u.id, u.email, u.firstName, u.lastName, u.enabled from UserEntity u"
                + " where u.realmId = :realm and u.id in :ids", Object[].class)
                .setParameter("realm", realmId).setParameter("ids", ids).getResultList()) {
            users.put((String) row[0], row);
        }
        Map<String, Map<String, String>> attributes = new HashMap<>();
        if (!users.isEmpty()) {
            for (Object[] row : em.createQuery("select a.user.id, a.name, a.value from UserAttributeEntity a"
                    + " where a.user.id in :ids and a.name in ('infix', 'phone', 'mobile', 'jobTitle', 'title')", Object[].class)
                    .setParameter("ids", new ArrayList<>(users.keySet())).getResultList()) {
                attributes.computeIfAbsent((String) row[0], k -> new HashMap<>()).putIfAbsent((String) row[1], (String) row[2]);
            }
        }
        Map<String, List<String>> groups = new HashMap<>();
        if (withGroups && !users.isEmpty()) {
            for (Object[] row : em.createQuery("select m.user.id, g.name from UserGroupMembershipEntity m, GroupEntity g"
                    + " where g.id = m.groupId and m.user.id in :ids", Object[].class)
                    .setParameter("ids", new ArrayList<>(users.keySet())).getResultList()) {
                groups.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((String) row[1]);
            }
        }
        Map<String, UserSnapshot> snapshots = new LinkedHashMap<>();
        users.forEach((id, row) -> {
            Map<String, String> a = attributes.getOrDefault(id, Map.of());
            snapshots.put(id, new UserSnapshot(id, false, (String) row[1], (String) row[2], a.get("infix"), (String) row[3],
                    (Boolean) row[4], a.get("phone"), a.get("mobile"), a.get("jobTitle"), a.get("title"),
                    groups.getOrDefault(id, List.of())));
        });
        return snapshots;
    }

    /** Removes the delivered rows of a lease in one statement. */
    static int deleteDelivered(EntityManager em, String owner, List<String> userIds) {
        return em.createQuery("delete from OutboxEntity o where o.leaseOwner = :owner and o.userId in :users")
                .setParameter("owner", owner).setParameter("users", userIds).executeUpdate();
    }
}
