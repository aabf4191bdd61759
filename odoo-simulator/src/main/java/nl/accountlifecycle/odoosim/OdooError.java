package nl.accountlifecycle.odoosim;

/**
 * An exception as Odoo raises it, with how each protocol reports it.
 * <ul>
 *   <li>XML-RPC {@code /xmlrpc/2}: the fault code of {@code xmlrpc_handle_exception_int} (addons/rpc/controllers/
 *   xmlrpc.py, 19): AccessError 4, AccessDenied 3, any other UserError (ValidationError, MissingError) 2, anything
 *   else 1 with the traceback as fault string.</li>
 *   <li>JSON-2: the {@code http_status} of odoo/exceptions.py (19: UserError 422, AccessDenied and AccessError 403,
 *   MissingError 404), a werkzeug HTTP exception's own code, or 500; the body is {@code serialize_exception}
 *   (odoo/http.py {@code Json2Dispatcher.handle_error}).</li>
 * </ul>
 */
final class OdooError extends RuntimeException {

    enum Kind {
        APPLICATION(1, 500, "builtins.ValueError"),
        ATTRIBUTE(1, 500, "builtins.AttributeError"),
        VALIDATION(2, 422, "odoo.exceptions.ValidationError"),
        USER(2, 422, "odoo.exceptions.UserError"),
        MISSING(2, 404, "odoo.exceptions.MissingError"),
        ACCESS_DENIED(3, 403, "odoo.exceptions.AccessDenied"),
        ACCESS(4, 403, "odoo.exceptions.AccessError"),
        // raised by the JSON-2 route and its bearer authentication, never over XML-RPC
        UNAUTHORIZED(1, 401, "werkzeug.exceptions.Unauthorized"),
        NOT_FOUND(1, 404, "werkzeug.exceptions.NotFound"),
        BAD_REQUEST(1, 400, "werkzeug.exceptions.BadRequest"),
        UNPROCESSABLE(1, 422, "werkzeug.exceptions.UnprocessableEntity");

        final int faultCode;
        final int httpStatus;
        final String pythonName;

        Kind(int faultCode, int httpStatus, String pythonName) {
            this.faultCode = faultCode;
            this.httpStatus = httpStatus;
            this.pythonName = pythonName;
        }

        /** A werkzeug HTTP exception: serialized with {@code arguments=(description, code)}. */
        boolean http() {
            return pythonName.startsWith("werkzeug.");
        }
    }

    final Kind kind;

    OdooError(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** Odoo's MissingError text (odoo/models.py), here always for the administrator, uid 2. */
    static OdooError missing(String model, Object id) {
        return new OdooError(Kind.MISSING, "Record does not exist or has been deleted.\n(Record: " + model + "(" + id
                + ",), User: 2)");
    }
}
