package nl.accountlifecycle.odoo;

/** The state of an outbox row, stored by name in {@code AL_ODOO_OUTBOX.STATUS}. A delivered row is deleted. */
enum OutboxStatus {
    /** Waiting for its next attempt ({@code NEXT_ATTEMPT_AT}), delivered or not yet tried. */
    PENDING,
    /** Given up after the realm's maximum attempts or a permanent refusal; kept with its last error until retried. */
    DEAD
}
