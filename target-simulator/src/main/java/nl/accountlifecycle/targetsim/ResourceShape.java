package nl.accountlifecycle.targetsim;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks a resource body against its schema and trims it to the writable attributes the simulator keeps, under
 * their canonical names. Attribute names match case-insensitively (RFC 7643 §2.1); a null value means unassigned
 * (RFC 7644 §3.5.1); read-only attributes a client sends are ignored (RFC 7643 §2.2).
 * <p>
 * Choice the RFC leaves open: attributes the simulator does not keep (a {@code password}, {@code locale}, another
 * extension) are dropped silently, as many providers do, rather than refused.
 */
final class ResourceShape {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResourceShape() {
    }

    /** The kept attributes of {@code body}; throws a 400 {@link ScimError} for a wrong type or a missing required value. */
    static ObjectNode clean(Kind kind, JsonNode body) {
        if (!(body instanceof ObjectNode in)) {
            throw ScimError.invalidSyntax("the body must be a JSON object");
        }
        ObjectNode out = NODES.objectNode();
        for (Attr a : kind.attrs) {
            if (!a.isReadOnly()) {
                put(out, a.name(), value(a, field(in, a.name()), a.name()));
            }
        }
        if (kind.extension != null) {
            JsonNode ext = field(in, kind.extension);
            if (ext != null && !ext.isNull()) {
                if (!ext.isObject()) {
                    throw ScimError.invalidValue("'" + kind.extension + "' must be an object");
                }
                ObjectNode e = NODES.objectNode();
                for (Attr a : kind.extensionAttrs) {
                    put(e, a.name(), value(a, field(ext, a.name()), a.name()));
                }
                if (!e.isEmpty()) {
                    out.set(kind.extension, e);
                }
            }
        }
        for (Attr a : kind.attrs) {
            if (a.required() && (!out.has(a.name()) || out.get(a.name()).asText().isBlank())) {
                throw ScimError.invalidValue("'" + a.name() + "' is required");
            }
        }
        return out;
    }

    /** The schemas a stored resource declares: the core one, and the extension when it holds values. */
    static ArrayNode schemasOf(Kind kind, ObjectNode resource) {
        ArrayNode schemas = NODES.arrayNode().add(kind.schema);
        if (kind.extension != null && resource.has(kind.extension)) {
            schemas.add(kind.extension);
        }
        return schemas;
    }

    /** A request body's {@code schemas} must name {@code urn} (RFC 7643 §3: "schemas" is REQUIRED). */
    static void requireSchema(JsonNode body, String urn) {
        JsonNode schemas = body == null ? null : field(body, "schemas");
        if (schemas != null && schemas.isArray()) {
            for (JsonNode s : schemas) {
                if (urn.equalsIgnoreCase(s.asText())) {
                    return;
                }
            }
        }
        throw ScimError.invalidSyntax("the body's \"schemas\" must contain \"" + urn + "\"");
    }

    /** The member of {@code node} named {@code name}, matched case-insensitively; null when absent. */
    static JsonNode field(JsonNode node, String name) {
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static void put(ObjectNode out, String name, JsonNode value) {
        if (value != null) {
            out.set(name, value);
        }
    }

    private static JsonNode value(Attr a, JsonNode v, String where) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!a.multiValued()) {
            return single(a, v, where);
        }
        if (!v.isArray()) {
            throw ScimError.invalidValue("'" + where + "' is multi-valued and must be an array");
        }
        ArrayNode items = NODES.arrayNode();
        int primaries = 0;
        for (JsonNode item : v) {
            JsonNode c = single(a, item, where);
            if (c != null) {
                items.add(c);
                primaries += c.path("primary").asBoolean(false) ? 1 : 0;
            }
        }
        if (primaries > 1) {
            throw ScimError.invalidValue("more than one '" + where + "' value is primary (RFC 7643 §2.4)");
        }
        return items.isEmpty() ? null : items;
    }

    private static JsonNode single(Attr a, JsonNode v, String where) {
        if (v == null || v.isNull()) {
            return null;
        }
        switch (a.type()) {
            case "complex" -> {
                if (!v.isObject()) {
                    throw ScimError.invalidValue("'" + where + "' must be an object");
                }
                ObjectNode o = NODES.objectNode();
                for (Attr sub : a.subAttributes()) {
                    if (!sub.isReadOnly()) {
                        put(o, sub.name(), single(sub, field(v, sub.name()), where + "." + sub.name()));
                    }
                }
                return o.isEmpty() ? null : o;
            }
            case "boolean" -> {
                if (!v.isBoolean()) {
                    throw ScimError.invalidValue("'" + where + "' must be a boolean, not " + v);
                }
                return v;
            }
            default -> {
                if (!v.isTextual()) {
                    throw ScimError.invalidValue("'" + where + "' must be a string, not " + v);
                }
                return v;
            }
        }
    }
}
