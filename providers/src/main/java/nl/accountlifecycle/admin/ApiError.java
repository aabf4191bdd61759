package nl.accountlifecycle.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.util.JsonSerialization;

/** A 4xx answer with the JSON body {@code {"error": ..., "field": ..., "message": ...}} every resource uses. */
public final class ApiError extends WebApplicationException {

    private ApiError(Response response) {
        super(response);
    }

    public static ApiError of(Response.Status status, String error, String field, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        if (field != null) {
            body.put("field", field);
        }
        body.put("message", message);
        return new ApiError(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build());
    }

    public static ApiError badRequest(String field, String error, String message) {
        return of(Response.Status.BAD_REQUEST, error, field, message);
    }

    public static ApiError conflict(String field, String error, String message) {
        return of(Response.Status.CONFLICT, error, field, message);
    }

    /** 429 with {@code Retry-After} in seconds. */
    public static ApiError tooManyRequests(String error, String message, long retryAfterSeconds) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return new ApiError(Response.status(Response.Status.TOO_MANY_REQUESTS).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))).entity(body).build());
    }

    public static ApiError notFound(String message) {
        return of(Response.Status.NOT_FOUND, "not_found", null, message);
    }

    /** The largest request body the bundle's endpoints read; a larger one is refused with a JSON 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /**
     * Reads a request body of at most {@value #MAX_BODY_BYTES} bytes as UTF-8; a larger one is a 413
     * {@code body_too_large}, refused before the rest is read. An absent body is an empty string.
     */
    public static String body(InputStream in) {
        if (in == null) {
            return "";
        }
        try {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body_too_large", null,
                        "the request body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw badRequest(null, "invalid_body", "the request body could not be read");
        }
    }

    /**
     * A whole-number query parameter; absent gives {@code fallback}, anything else that is not a number a 400 naming
     * it (JAX-RS would answer a bare 404 for a parameter it cannot convert).
     */
    public static int intParam(String value, String field, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw badRequest(field, "invalid_field", field + " must be a whole number");
        }
    }

    /**
     * The first error of the realm's user profile as a 4xx naming the attribute: 409 {@code <attribute>_exists} where
     * the profile says the value is taken (a parallel request took it after the bundle's own check), else 400.
     */
    public static ApiError fromProfile(ValidationException e) {
        ValidationException.Error first = e.getErrors().get(0);
        String message = first.getFormattedMessage(
                (text, params) -> params == null || params.length == 0 ? text : text + " " + Arrays.toString(params));
        if (first.getStatusCode() == Response.Status.CONFLICT) {
            return conflict(first.getAttribute(), first.getAttribute() + "_exists", message);
        }
        return badRequest(first.getAttribute(), "invalid_attribute", message);
    }

    /** Reads a request body that must be a JSON object; anything else is a 400 {@code invalid_json}. */
    public static Map<String, Object> jsonObject(String json) {
        if (json == null || json.isBlank()) {
            throw badRequest(null, "invalid_json", "a JSON object is required");
        }
        try {
            Map<String, Object> body = JsonSerialization.readValue(json, new TypeReference<Map<String, Object>>() { });
            if (body == null) {
                throw badRequest(null, "invalid_json", "a JSON object is required");
            }
            return body;
        } catch (IOException e) {
            throw badRequest(null, "invalid_json", "the body is not a JSON object");
        }
    }
}
