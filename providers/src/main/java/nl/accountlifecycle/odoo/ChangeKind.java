package nl.accountlifecycle.odoo;

import java.util.Locale;

/**
 * Why an outbox row was written, stored in lower case in {@code AL_ODOO_OUTBOX.CHANGE_KIND} and shown as the dead
 * letters' {@code change}. Delivery sends the user's state whatever the kind; it tells an admin what happened.
 */
public enum ChangeKind {
    CREATED, PROFILE, EMAIL_CONFIRMED, DELETED, IMPORTED, UPDATED, GROUPS, RESYNC, WORKFLOW;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
