package nl.accountlifecycle.targets;

import java.util.Map;

import jakarta.persistence.EntityManager;

/**
 * One claimed batch of one target, read in a transaction ({@link TargetBatches#prepare}) and sent outside any. Each
 * kind of target (webhook, SCIM) has its own. A batch that cannot be sent says why ({@link #problem}), or that its
 * rows wait untried because the target was disabled or deleted meanwhile ({@link #release}).
 */
interface TargetBatch {

    String problem();

    boolean release();

    int maxAttempts();

    /** Sends the batch: puts an outcome per row id; a row left without one waits untried (an earlier change of its user failed). */
    void send(Map<String, Outcome> outcomes);

    /** Stores what the sending learnt (a SCIM resource id), in the transaction that records the outcomes. */
    default void learnt(EntityManager em) {
    }

    /** A batch that sends nothing. */
    record Unsendable(String problem, boolean release, int maxAttempts) implements TargetBatch {

        @Override
        public void send(Map<String, Outcome> outcomes) {
            throw new IllegalStateException("nothing to send: " + problem);
        }
    }
}
