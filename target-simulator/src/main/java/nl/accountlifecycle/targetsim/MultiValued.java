package nl.accountlifecycle.targetsim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** PATCH on the values of a multi-valued attribute: value filters (RFC 7644 §3.5.2), "primary" and matching by value. */
final class MultiValued {

    private MultiValued() {
    }

    static void patchFiltered(ObjectNode container, ScimPath path, String op, JsonNode value) {
        String name = path.attr().name();
        ArrayNode items = container.get(name) instanceof ArrayNode a ? a : container.putArray(name);
        List<JsonNode> hits = new ArrayList<>();
        items.forEach(i -> {
            if (path.valueFilter().matches(i)) {
                hits.add(i);
            }
        });
        boolean remove = op.equals("remove") || (value != null && value.isNull());
        ObjectNode seed = path.valueFilter().seed();
        if (hits.isEmpty() && op.equals("add") && seed != null) {
            // Choice the RFC leaves open: an add whose value filter matches nothing creates the value the filter
            // describes, as common providers do for emails[type eq "work"].value
            items.add(seed);
            hits.add(seed);
        } else if (hits.isEmpty() && remove) {
            // Choice the RFC leaves open (it names noTarget for replace only): removing a value that is not there,
            // such as a member already gone, succeeds without change, so a retried remove stays harmless
            if (items.isEmpty()) {
                container.remove(name);
            }
            return;
        } else if (hits.isEmpty()) {
            throw ScimError.noTarget("no value of '" + name + "' matches '" + path.text() + "'");
        }
        if (remove && path.subAttr() == null) {
            removeIf(items, i -> hits.stream().anyMatch(h -> h == i));
        } else if (path.subAttr() != null) {
            hits.forEach(h -> setSub((ObjectNode) h, path.subAttr(), remove, value));
        } else if (!value.isObject()) {
            throw ScimError.invalidValue("'" + path.text() + "' needs an object value");
        } else if (op.equals("replace")) {
            // §3.5.2.3: all matching values are replaced
            List<JsonNode> replaced = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (hits.stream().anyMatch(h -> h == item)) {
                    replaced.add(value.deepCopy());
                    items.set(i, replaced.get(replaced.size() - 1));
                }
            }
            hits.clear();
            hits.addAll(replaced);
        } else {
            hits.forEach(h -> ((ObjectNode) h).setAll((ObjectNode) value.deepCopy()));
        }
        demoteOtherPrimaries(items, hits);
        if (items.isEmpty()) {
            container.remove(name);
        }
    }

    static void setSub(ObjectNode target, Attr sub, boolean remove, JsonNode value) {
        if (remove) {
            target.remove(sub.name());
        } else {
            target.set(sub.name(), value.deepCopy());
        }
    }

    /** §3.5.2: setting one value's "primary" to true sets it to false on every other value. */
    static void demoteOtherPrimaries(ArrayNode items, Iterable<JsonNode> touched) {
        List<JsonNode> primaries = new ArrayList<>();
        touched.forEach(t -> {
            if (t != null && t.path("primary").asBoolean(false)) {
                primaries.add(t);
            }
        });
        if (primaries.isEmpty()) {
            return;
        }
        items.forEach(i -> {
            if (i instanceof ObjectNode o && o.path("primary").asBoolean(false) && primaries.stream().noneMatch(p -> p == i)) {
                o.put("primary", false);
            }
        });
    }

    static boolean sameValue(JsonNode item, JsonNode value) {
        JsonNode v = item.get("value");
        return v != null && (value.isTextual() ? v.asText().equals(value.asText()) : v.equals(value));
    }

    static void removeIf(ArrayNode items, Predicate<JsonNode> test) {
        for (int i = items.size() - 1; i >= 0; i--) {
            if (test.test(items.get(i))) {
                items.remove(i);
            }
        }
    }
}
