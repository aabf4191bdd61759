package nl.accountlifecycle.odoo;

import java.util.Locale;

/** A realm's full re-sync job, stored in lower case in {@code AL_ODOO_SYNC_STATE.RESYNC_STATUS} and shown by {@code GET resync}. */
enum ResyncStatus {
    /** No job was ever started in the realm; never stored. */
    NONE,
    RUNNING,
    DONE;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored value's status; null and anything unknown read as {@link #NONE}. */
    static ResyncStatus fromWire(String stored) {
        for (ResyncStatus status : values()) {
            if (status != NONE && status.wire().equals(stored)) {
                return status;
            }
        }
        return NONE;
    }
}
