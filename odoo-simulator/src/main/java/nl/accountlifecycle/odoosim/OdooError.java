package nl.accountlifecycle.odoosim;

/**
 * An exception as Odoo raises it, with how each protocol reports it: the XML-RPC fault code of
 * {@code /xmlrpc/2} (1 application error, 2 UserError / ValidationError, 3 AccessDenied, 4 AccessError) and
 * the HTTP status and {@code name} of JSON-2.
 */
final class OdooError extends RuntimeException {

    enum Kind {
        APPLICATION(1, 500, "builtins.ValueError"),
        VALIDATION(2, 422, "odoo.exceptions.ValidationError"),
        USER(2, 422, "odoo.exceptions.UserError"),
        ACCESS_DENIED(3, 401, "odoo.exceptions.AccessDenied"),
        ACCESS(4, 403, "odoo.exceptions.AccessError"),
        NOT_FOUND(1, 404, "werkzeug.exceptions.NotFound");

        final int faultCode;
        final int httpStatus;
        final String pythonName;

        Kind(int faultCode, int httpStatus, String pythonName) {
            this.faultCode = faultCode;
            this.httpStatus = httpStatus;
            this.pythonName = pythonName;
        }
    }

    final Kind kind;

    OdooError(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }
}
