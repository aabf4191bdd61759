package nl.accountlifecycle.targets;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import nl.accountlifecycle.odoo.ChangeKind;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.KeycloakTables;

/**
 * A re-sync of every user of the realm to one target. The request only marks the target's re-sync running; the
 * workers queue the users a page at a time ({@value #PAGE}, by user id), whenever fewer than a page of the target's
 * re-sync rows wait, so changes made meanwhile wait behind at most two pages. A page is queued under the target row's
 * lock, so two nodes never queue the same page.
 */
final class TargetResync {

    static final String RUNNING = "running";
    static final String DONE = "done";
    static final int PAGE = 1000;

    private TargetResync() {
    }

    /** Queues the running re-sync's next page if few of its rows wait; returns how many users it queued. */
    static int topUp(EntityManager em, String targetId) {
        TargetEntity target = em.find(TargetEntity.class, targetId, LockModeType.PESSIMISTIC_WRITE);
        if (target == null || !RUNNING.equals(target.getResyncStatus()) || waiting(em, targetId) >= PAGE) {
            return 0;
        }
        List<String> users = KeycloakTables.usersAfter(em, target.getRealmId(), target.getResyncCursor(), PAGE);
        long now = Clock.millis();
        for (String user : users) {
            em.persist(new DeliveryEntity(UUID.randomUUID().toString(), targetId, target.getRealmId(), user,
                    ChangeKind.RESYNC.wire(), now));
        }
        target.resyncQueued(users.isEmpty() ? target.getResyncCursor() : users.get(users.size() - 1), users.size(),
                users.size() < PAGE);
        return users.size();
    }

    static List<String> running(EntityManager em) {
        return em.createQuery("select t.id from TargetEntity t where t.enabled = true and t.resyncStatus = :running",
                String.class).setParameter("running", RUNNING).getResultList();
    }

    private static long waiting(EntityManager em, String targetId) {
        return em.createQuery("select count(d) from DeliveryEntity d where d.targetId = :target and d.status = :pending"
                        + " and d.changeKind = :kind", Long.class)
                .setParameter("target", targetId).setParameter("pending", DeliveryEntity.PENDING)
                .setParameter("kind", ChangeKind.RESYNC.wire()).getSingleResult();
    }
}
