package nl.accountlifecycle.admin;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

    public static ApiError notFound(String message) {
        return of(Response.Status.NOT_FOUND, "not_found", null, message);
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
