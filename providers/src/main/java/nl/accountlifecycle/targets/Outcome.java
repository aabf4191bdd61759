package nl.accountlifecycle.targets;

/**
 * How one delivery attempt ended: delivered, or failed with a reason and, if the target said so, when to retry. A
 * permanent failure is one a retry would meet again (a SCIM target refusing the user's data, a userName taken by
 * another user there): its row becomes a dead letter at once.
 */
record Outcome(boolean delivered, String reason, Long retryAfterMillis, boolean permanent) {

    static final Outcome DELIVERED = new Outcome(true, null, null, false);

    static Outcome failed(String reason) {
        return new Outcome(false, reason, null, false);
    }

    static Outcome permanent(String reason) {
        return new Outcome(false, reason, null, true);
    }
}
