package nl.accountlifecycle.targetsim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies a PatchOp body (RFC 7644 §3.5.2) to a stored resource's writable attributes. The caller checks the result
 * against the schema afterwards ({@link ResourceShape#clean}), so a wrong type still answers 400 {@code invalidValue}
 * and nothing is stored unless every operation succeeds.
 */
final class PatchOp {

    private PatchOp() {
    }

    static void apply(ObjectNode resource, JsonNode body, Kind kind) {
        if (!(body instanceof ObjectNode)) {
            throw ScimError.invalidSyntax("the body must be a JSON object");
        }
        ResourceShape.requireSchema(body, ScimSchemas.PATCH_OP);
        JsonNode operations = ResourceShape.field(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimError.invalidSyntax("a PatchOp needs a non-empty \"Operations\" array");
        }
        for (JsonNode operation : operations) {
            applyOne(resource, operation, kind);
        }
    }

    private static void applyOne(ObjectNode resource, JsonNode operation, Kind kind) {
        if (!operation.isObject()) {
            throw ScimError.invalidSyntax("each operation must be an object");
        }
        // Choice: "op" is matched case-insensitively, since some clients send "Replace"; the RFC spells it lower case.
        String op = ResourceShape.field(operation, "op") == null ? "" : ResourceShape.field(operation, "op").asText().toLowerCase(Locale.ROOT);
        if (!op.equals("add") && !op.equals("remove") && !op.equals("replace")) {
            throw ScimError.invalidSyntax("\"op\" must be \"add\", \"remove\" or \"replace\"");
        }
        JsonNode path = ResourceShape.field(operation, "path");
        JsonNode value = ResourceShape.field(operation, "value");
        if (path == null || path.isNull() || path.asText().isBlank()) {
            if (op.equals("remove")) {
                throw ScimError.noTarget("a remove operation needs a path");
            }
            if (value == null || !value.isObject()) {
                throw ScimError.invalidSyntax("an \"" + op + "\" without a path needs an object value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equalsIgnoreCase("schemas")) {
                    continue;
                }
                ScimPath p = knownPath(e.getKey(), kind);
                // as with POST and PUT, unknown and read-only attributes inside a value object are ignored
                if (p != null && (p.attr() == null || !p.attr().isReadOnly())) {
                    applyPath(resource, p, op, e.getValue(), kind);
                }
            }
            return;
        }
        if (!path.isTextual()) {
            throw ScimError.invalidSyntax("\"path\" must be a string");
        }
        if (!op.equals("remove") && value == null) {
            throw ScimError.invalidSyntax("an \"" + op + "\" operation needs a value");
        }
        applyPath(resource, ScimPath.parse(path.asText(), kind, true), op, value, kind);
    }

    private static void applyPath(ObjectNode resource, ScimPath path, String op, JsonNode value, Kind kind) {
        Attr attr = path.attr();
        if ((attr != null && attr.isReadOnly()) || (path.subAttr() != null && path.subAttr().isReadOnly())) {
            throw ScimError.mutability("'" + path.text() + "' is read-only");
        }
        boolean remove = op.equals("remove") || (value != null && value.isNull());
        ObjectNode container = path.container(resource, !remove);
        if (container == null) {
            return; // removing from an extension the resource does not have: nothing to do
        }
        if (attr == null) {
            if (remove) {
                resource.remove(path.extension());
                return;
            }
            if (!value.isObject()) {
                throw ScimError.invalidValue("'" + path.text() + "' needs an object value");
            }
            value.fields().forEachRemaining(e -> {
                ScimPath p = knownPath(path.extension() + ":" + e.getKey(), kind);
                if (p != null) {
                    applyPath(resource, p, op, e.getValue(), kind);
                }
            });
            return;
        }
        String name = attr.name();
        if (path.valueFilter() != null) {
            MultiValued.patchFiltered(container, path, op, value);
        } else if (path.subAttr() != null) {
            // Choice the RFC leaves open: a sub-attribute of a multi-valued attribute without a filter means every value's
            List<ObjectNode> targets = new ArrayList<>();
            if (attr.multiValued() && container.get(name) instanceof ArrayNode items) {
                items.forEach(i -> targets.add((ObjectNode) i));
            } else if (!attr.multiValued()) {
                targets.add(container.get(name) instanceof ObjectNode o ? o : remove ? null : container.putObject(name));
            }
            targets.stream().filter(t -> t != null).forEach(t -> MultiValued.setSub(t, path.subAttr(), remove, value));
            if (!attr.multiValued() && container.get(name) instanceof ObjectNode o && o.isEmpty()) {
                container.remove(name);
            }
        } else if (remove) {
            if (op.equals("remove") && attr.multiValued() && value != null && value.isArray()
                    && container.get(name) instanceof ArrayNode items) {
                // Choice the RFC leaves open: a remove with a value array removes just those values (as Azure AD sends
                // for members); RFC 7644 §3.5.2.2 itself only removes by path or by value filter.
                MultiValued.removeIf(items, item -> value.findValues("value").stream().anyMatch(v -> MultiValued.sameValue(item, v)));
                if (items.isEmpty()) {
                    container.remove(name);
                }
            } else {
                container.remove(name);
            }
        } else if (attr.multiValued()) {
            ArrayNode incoming = value.isArray() ? (ArrayNode) value.deepCopy() : JsonNodeFactory.instance.arrayNode().add(value.deepCopy());
            if (op.equals("add") && container.get(name) instanceof ArrayNode existing) {
                // §3.5.2.1: add appends the new values; a value already there is not added twice
                incoming.forEach(v -> {
                    if (existing.findValues("value").stream().noneMatch(x -> MultiValued.sameValue(v, x))) {
                        existing.add(v);
                    }
                });
                MultiValued.demoteOtherPrimaries(existing, incoming);
            } else {
                container.set(name, incoming);
            }
        } else if (attr.complex() && value.isObject() && container.get(name) instanceof ObjectNode existing) {
            // §3.5.2.1 and §3.5.2.3: sub-attributes the value leaves out are unchanged
            value.fields().forEachRemaining(e -> {
                Attr sub = attr.sub(e.getKey());
                if (sub != null && !sub.isReadOnly()) {
                    existing.set(sub.name(), e.getValue().deepCopy());
                }
            });
        } else {
            container.set(name, value.deepCopy());
        }
    }

    /** The path of a value object's key, or null when it names an attribute the simulator does not keep. */
    private static ScimPath knownPath(String text, Kind kind) {
        try {
            return ScimPath.parse(text, kind, false);
        } catch (ScimError e) {
            if ("invalidPath".equals(e.scimType)) {
                return null;
            }
            throw e;
        }
    }
}
