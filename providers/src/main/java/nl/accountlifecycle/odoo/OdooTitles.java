package nl.accountlifecycle.odoo;

import java.util.List;
import java.util.Map;

import nl.accountlifecycle.odoo.client.OdooClient;
import nl.accountlifecycle.odoo.client.OdooException;
import nl.accountlifecycle.support.Clock;

/**
 * Odoo's partner titles ({@code res.partner.title}) as the lanes of one node know them for one realm's Odoo (shared,
 * so the lanes agree on whether the title is left out, and look it up once). The title is an optional field:
 * when Odoo's partners have a {@code title} field but the model cannot be read (missing in a customised Odoo, or
 * not readable by the sync's Odoo user), users are delivered without a title, {@link #problem()} says why, and the
 * lookup is tried again after {@link #RETRY_MILLIS}. A failure of Odoo itself (unreachable, wrong key, not the
 * protocol) is not the title's problem: it fails the batch as any call does.
 */
final class OdooTitles {

    static final long RETRY_MILLIS = 300_000;

    /** Title code → Odoo title id; null while the lookup failed. */
    private volatile Map<String, Integer> ids = Map.of();
    private volatile long retryAt;
    private volatile String problem;

    /** Whether to look the titles up (again): never yet found any, or the retry time of a failed lookup passed. */
    boolean stale() {
        return ids == null ? Clock.millis() >= retryAt : ids.isEmpty();
    }

    /** Looks the titles up when {@link #stale()}; one lane at a time, so a lane that waited finds them fresh. */
    synchronized void refreshIfStale(OdooClient client) throws OdooException {
        if (stale()) {
            lookUp(client);
        }
    }

    synchronized void lookUp(OdooClient client) throws OdooException {
        try {
            ids = OdooUserMapping.titleIds(client.searchRead("res.partner.title", List.of(),
                    List.of("id", "name", "shortcut"), Map.of()));
            problem = null;
        } catch (OdooException e) {
            if (e.kind() != OdooException.Kind.VALIDATION && e.kind() != OdooException.Kind.ACCESS
                    && e.kind() != OdooException.Kind.SERVER) {
                throw e;
            }
            ids = null;
            problem = "res.partner.title cannot be read (" + e.reason() + "); users are delivered without a title";
            retryAt = Clock.millis() + RETRY_MILLIS;
        }
    }

    /** The ids to write, or null: leave the title out. */
    Map<String, Integer> ids() {
        return ids;
    }

    /** Why the title is left out, or null. */
    String problem() {
        return problem;
    }
}
