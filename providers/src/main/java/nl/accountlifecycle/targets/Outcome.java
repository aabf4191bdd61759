package nl.accountlifecycle.targets;

/** How one delivery attempt ended: delivered, or failed with a reason and, if the receiver said so, when to retry. */
record Outcome(boolean delivered, String reason, Long retryAfterMillis) {

    static final Outcome DELIVERED = new Outcome(true, null, null);

    static Outcome failed(String reason) {
        return new Outcome(false, reason, null);
    }
}
