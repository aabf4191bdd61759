package nl.accountlifecycle.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import nl.accountlifecycle.support.Clock;

/** Records how a batch ended, in one transaction: delivered rows go, failed rows wait or die, untried rows wait their turn. */
final class DeliveryLedger {

    private DeliveryLedger() {
    }

    /** How many rows were delivered, failed, and of those became dead letters. */
    record Recorded(int delivered, int failed, int dead) {
    }

    static Recorded record(EntityManager em, String targetId, List<DeliveryEntity> rows, Map<String, Outcome> outcomes,
                           int maxAttempts, TargetWorker.Options options) {
        long now = Clock.millis();
        List<String> delivered = new ArrayList<>();
        int failed = 0;
        int dead = 0;
        for (DeliveryEntity claimed : rows) {
            Outcome outcome = outcomes.get(claimed.getId());
            if (outcome != null && outcome.delivered()) {
                delivered.add(claimed.getId());
                continue;
            }
            DeliveryEntity row = em.find(DeliveryEntity.class, claimed.getId());
            if (row == null) {
                continue; // the target was deleted meanwhile
            }
            if (outcome == null) {
                row.release();
            } else {
                boolean last = outcome.permanent() || row.getAttempts() + 1 >= Math.max(1, maxAttempts);
                row.failed(outcome.reason(), now + wait(outcome, row.getAttempts(), options), last);
                failed++;
                dead += last ? 1 : 0;
            }
        }
        TargetQueries.delete(em, delivered);
        if (!delivered.isEmpty()) {
            // one column, not the whole row: a re-sync moving its cursor meanwhile must not be written back
            em.createQuery("update TargetEntity t set t.lastSuccessAt = :now where t.id = :id")
                    .setParameter("now", now).setParameter("id", targetId).executeUpdate();
        }
        return new Recorded(delivered.size(), failed, dead);
    }

    /** The receiver's {@code Retry-After} if it gave one (up to the cap), else the base doubled per earlier failure. */
    static long wait(Outcome outcome, int attemptsBefore, TargetWorker.Options options) {
        if (outcome.retryAfterMillis() != null) {
            return Math.min(outcome.retryAfterMillis(), options.backoffCapMillis());
        }
        return Math.min(options.backoffCapMillis(), options.backoffBaseMillis() << Math.min(attemptsBefore, 20));
    }
}
