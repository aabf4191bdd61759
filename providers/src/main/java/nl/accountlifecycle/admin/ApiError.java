package nl.accountlifecycle.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
}
