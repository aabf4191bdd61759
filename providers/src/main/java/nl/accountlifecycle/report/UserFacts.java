package nl.accountlifecycle.report;

import java.time.Instant;

/**
 * What the report knows of one user, read for a page of users at once ({@link HygieneQueries}): the user's columns,
 * the stored activation state, when the newest password was set, the newest login the event store kept (null when
 * none, or when the realm keeps no login events) and the user's undelivered Odoo changes (null when none).
 */
record UserFacts(String id, String username, String email, boolean enabled, Instant createdAt,
                 String activationStatus, String activationExpiresAt, Instant passwordCreated, Instant lastLogin,
                 Target target) {

    /**
     * The user's rows in the Odoo outbox, summed up: {@code dead} when delivery gave up on any of them, the most
     * failed attempts of a row, the last error and when the oldest undelivered change was made.
     */
    record Target(boolean dead, int attempts, String lastError, Instant since) {

        /** A change Odoo has not received because delivering it failed, as opposed to one still on its way. */
        boolean failed() {
            return dead || attempts > 0;
        }

        Target merge(Target other) {
            return new Target(dead || other.dead, Math.max(attempts, other.attempts),
                    lastError != null ? lastError : other.lastError, since.isBefore(other.since) ? since : other.since);
        }
    }
}
