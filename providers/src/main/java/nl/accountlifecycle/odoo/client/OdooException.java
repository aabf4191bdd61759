package nl.accountlifecycle.odoo.client;

/**
 * A failed Odoo call, classified so the outbox can decide between backing off and dead-lettering. The message
 * is fit for the admin REST: the HTTP status or XML-RPC fault code, or the bundle's own words; never the API
 * key, never text from the server's answer, never a detail that tells a closed port from a filtered one.
 */
public final class OdooException extends Exception {

    public enum Kind {
        /** Wrong login or API key: XML-RPC {@code authenticate} returned False / fault 3, JSON-2 HTTP 401. */
        AUTHENTICATION,
        /** The user lacks rights: XML-RPC fault 4, JSON-2 HTTP 403. */
        ACCESS,
        /** Odoo refused the data: XML-RPC fault 2 (UserError / ValidationError), JSON-2 HTTP 422. */
        VALIDATION,
        /** The configured database does not exist. */
        DATABASE,
        /** No connection or no answer in time (refused, reset, timed out, unknown host), HTTP 502/503/504. */
        UNAVAILABLE,
        /** Not tried: the bundle's own rules refused the call or the user (host not allowed, no key, a conflict). */
        REFUSED,
        /** An answer that is not the protocol (HTML instead of XML or JSON, malformed body). */
        PROTOCOL,
        /** Any other server-side error: XML-RPC fault 1, JSON-2 HTTP 500. */
        SERVER
    }

    static final String NO_CONNECTION = "no connection or no answer in time";

    private final Kind kind;
    private final boolean permanent;

    /** A transient failure: the outbox tries again after a backoff, up to the realm's maximum attempts. */
    public OdooException(Kind kind, String message) {
        this(kind, message, false);
    }

    private OdooException(Kind kind, String message, boolean permanent) {
        super(message);
        this.kind = kind;
        this.permanent = permanent;
    }

    /** A failure a retry would meet again unchanged (the user's own data or links): the row goes dead at once. */
    public static OdooException permanent(Kind kind, String message) {
        return new OdooException(kind, message, true);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isPermanent() {
        return permanent;
    }

    /** A short reason for the outbox's last error: kind plus message. */
    public String reason() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + getMessage();
    }
}
