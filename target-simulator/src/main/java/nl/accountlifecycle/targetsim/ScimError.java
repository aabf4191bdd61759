package nl.accountlifecycle.targetsim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A SCIM error (RFC 7644 §3.12): the HTTP status, an optional {@code scimType} and a human-readable detail. The
 * body uses the Error schema with {@code status} as a string, as the RFC's examples do.
 */
final class ScimError extends RuntimeException {

    static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    final int status;
    final String scimType;

    ScimError(int status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    static ScimError notFound(String id) {
        return new ScimError(404, null, "Resource " + id + " not found");
    }

    static ScimError invalidSyntax(String detail) {
        return new ScimError(400, "invalidSyntax", detail);
    }

    static ScimError invalidValue(String detail) {
        return new ScimError(400, "invalidValue", detail);
    }

    static ScimError invalidFilter(String detail) {
        return new ScimError(400, "invalidFilter", detail);
    }

    static ScimError invalidPath(String detail) {
        return new ScimError(400, "invalidPath", detail);
    }

    static ScimError noTarget(String detail) {
        return new ScimError(400, "noTarget", detail);
    }

    static ScimError mutability(String detail) {
        return new ScimError(400, "mutability", detail);
    }

    static ScimError uniqueness(String detail) {
        return new ScimError(409, "uniqueness", detail);
    }

    ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(SCHEMA);
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", getMessage());
        body.put("status", String.valueOf(status));
        return body;
    }
}
