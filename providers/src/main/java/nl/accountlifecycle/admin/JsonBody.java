package nl.accountlifecycle.admin;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Reads a request body into a typed record with Jackson (which Keycloak ships), strictly: a string field takes only
 * a JSON string, a number field only a JSON number, a list only a JSON array; nothing is converted. Fields the record
 * does not have are ignored, as before. A body that is not a JSON object is a 400 {@code invalid_json}; a field of the
 * wrong type is a 400 {@code invalid_field} naming it, in the error shape of {@link ApiError}.
 */
public final class JsonBody {

    private static final ObjectMapper MAPPER = strictMapper();

    private JsonBody() {
    }

    /** Reads at most {@value ApiError#MAX_BODY_BYTES} bytes (else 413) into {@code type}. */
    public static <T extends Record> T read(InputStream in, Class<T> type) {
        return read(ApiError.body(in), type);
    }

    public static <T extends Record> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw ApiError.badRequest(null, "invalid_json", "a JSON object is required");
        }
        T value;
        try {
            value = MAPPER.readValue(json, type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            if (field == null) {
                throw ApiError.badRequest(null, "invalid_json", "the body must be a JSON object");
            }
            throw ApiError.badRequest(field, "invalid_field", field + " must be " + expected(type, field));
        } catch (IOException e) {
            throw ApiError.badRequest(null, "invalid_json", "the body is not a JSON object");
        }
        if (value == null) {
            throw ApiError.badRequest(null, "invalid_json", "a JSON object is required");
        }
        return value;
    }

    /** What a field of the record takes, in words, for the error message. */
    static String expected(Class<? extends Record> type, String field) {
        return Arrays.stream(type.getRecordComponents())
                .filter(c -> c.getName().equals(field))
                .findFirst()
                .map(RecordComponent::getGenericType)
                .map(JsonBody::describe)
                .orElse("of another type");
    }

    private static String describe(Type type) {
        if (type instanceof ParameterizedType list && list.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            return "a list of " + describe(list.getActualTypeArguments()[0]).replaceFirst("^an? ", "") + "s";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type instanceof Class<?> c && Number.class.isAssignableFrom(c)) {
            return c == Integer.class || c == Long.class ? "a whole number" : "a number";
        }
        return type == Boolean.class ? "true or false" : "of another type";
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }
}
