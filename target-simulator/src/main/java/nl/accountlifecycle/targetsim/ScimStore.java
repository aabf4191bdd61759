package nl.accountlifecycle.targetsim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The SCIM users and groups, in memory. A stored resource holds its {@code id}, its writable attributes and
 * {@code meta.created}/{@code meta.lastModified}; {@code schemas}, {@code meta.location}, a user's {@code groups} and
 * a member's {@code display}, {@code type} and {@code $ref} are derived when it is rendered.
 */
final class ScimStore {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Supplier<String> scimBaseUrl;
    private final Map<String, ObjectNode> users = new LinkedHashMap<>();
    private final Map<String, ObjectNode> groups = new LinkedHashMap<>();

    ScimStore(Supplier<String> scimBaseUrl) {
        this.scimBaseUrl = scimBaseUrl;
    }

    synchronized ObjectNode create(Kind kind, JsonNode body) {
        ResourceShape.requireSchema(body, kind.schema);
        ObjectNode attrs = ResourceShape.clean(kind, body);
        String id = UUID.randomUUID().toString();
        check(kind, attrs, id);
        ObjectNode stored = NODES.objectNode().put("id", id);
        stored.setAll(attrs);
        String now = Instant.now().toString();
        stored.putObject("meta").put("created", now).put("lastModified", now);
        map(kind).put(id, stored);
        return render(kind, stored);
    }

    synchronized ObjectNode get(Kind kind, String id) {
        return render(kind, existing(kind, id));
    }

    /** PUT (RFC 7644 §3.5.1): every writable attribute is replaced; {@code id} and {@code meta.created} stay. */
    synchronized ObjectNode replace(Kind kind, String id, JsonNode body) {
        ObjectNode current = existing(kind, id);
        ResourceShape.requireSchema(body, kind.schema);
        return update(kind, current, ResourceShape.clean(kind, body));
    }

    synchronized ObjectNode patch(Kind kind, String id, JsonNode body) {
        ObjectNode current = existing(kind, id);
        ObjectNode working = current.deepCopy();
        working.remove(List.of("id", "meta"));
        PatchOp.apply(working, body, kind);
        return update(kind, current, ResourceShape.clean(kind, working));
    }

    /** DELETE; the resource also leaves every group it was a member of. */
    synchronized void delete(Kind kind, String id) {
        existing(kind, id);
        map(kind).remove(id);
        for (ObjectNode group : groups.values()) {
            if (group.get("members") instanceof ArrayNode members) {
                MultiValued.removeIf(members, m -> id.equals(m.path("value").asText()));
                if (members.isEmpty()) {
                    group.remove("members");
                }
            }
        }
    }

    /** Every resource of the kind, rendered, in creation order; only those matching {@code filter} when it is not null. */
    synchronized List<ObjectNode> list(Kind kind, ScimFilter filter) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode stored : map(kind).values()) {
            ObjectNode rendered = render(kind, stored);
            if (filter == null || filter.matches(rendered)) {
                out.add(rendered);
            }
        }
        return out;
    }

    synchronized int size(Kind kind) {
        return map(kind).size();
    }

    synchronized void reset() {
        users.clear();
        groups.clear();
    }

    private ObjectNode update(Kind kind, ObjectNode current, ObjectNode attrs) {
        String id = current.get("id").asText();
        check(kind, attrs, id);
        ObjectNode meta = (ObjectNode) current.get("meta");
        current.removeAll();
        current.put("id", id);
        current.setAll(attrs);
        current.set("meta", meta.put("lastModified", Instant.now().toString()));
        return render(kind, current);
    }

    private ObjectNode existing(Kind kind, String id) {
        ObjectNode stored = map(kind).get(id);
        if (stored == null) {
            throw ScimError.notFound(id);
        }
        return stored;
    }

    private Map<String, ObjectNode> map(Kind kind) {
        return kind == Kind.USER ? users : groups;
    }

    /** userName is unique case-insensitively (RFC 7643 §4.1.1: uniqueness server, caseExact false); members must exist. */
    private void check(Kind kind, ObjectNode attrs, String selfId) {
        if (kind == Kind.USER) {
            String userName = attrs.get("userName").asText().toLowerCase(Locale.ROOT);
            for (ObjectNode other : users.values()) {
                if (!other.get("id").asText().equals(selfId) && other.get("userName").asText().toLowerCase(Locale.ROOT).equals(userName)) {
                    throw ScimError.uniqueness("userName '" + attrs.get("userName").asText() + "' is already taken");
                }
            }
            return;
        }
        if (attrs.get("members") instanceof ArrayNode members) {
            Set<String> ids = new LinkedHashSet<>();
            for (JsonNode m : members) {
                String value = m.path("value").asText("");
                if (!users.containsKey(value) && !(groups.containsKey(value) && !value.equals(selfId))) {
                    throw ScimError.invalidValue("member '" + value + "' is no User or Group of this service provider");
                }
                ids.add(value);
            }
            ArrayNode clean = attrs.putArray("members");
            ids.forEach(v -> clean.addObject().put("value", v));
        }
    }

    private ObjectNode render(Kind kind, ObjectNode stored) {
        ObjectNode out = NODES.objectNode();
        out.set("schemas", ResourceShape.schemasOf(kind, stored));
        stored.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("meta")) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        String id = stored.get("id").asText();
        if (kind == Kind.USER) {
            ArrayNode memberOf = NODES.arrayNode();
            groups.values().stream().filter(g -> isMember(g, id)).forEach(g -> memberOf.addObject()
                    .put("value", g.get("id").asText()).put("$ref", location(Kind.GROUP, g.get("id").asText()))
                    .put("display", g.get("displayName").asText()).put("type", "direct"));
            if (!memberOf.isEmpty()) {
                out.set("groups", memberOf);
            }
        } else if (out.get("members") instanceof ArrayNode members) {
            for (JsonNode m : members) {
                String value = m.get("value").asText();
                boolean user = users.containsKey(value);
                ObjectNode target = user ? users.get(value) : groups.get(value);
                ((ObjectNode) m).put("$ref", location(user ? Kind.USER : Kind.GROUP, value))
                        .put("type", user ? "User" : "Group")
                        .put("display", target == null ? null : target.path(user ? "userName" : "displayName").asText());
            }
        }
        ObjectNode meta = out.putObject("meta").put("resourceType", kind.resourceType);
        meta.setAll((ObjectNode) stored.get("meta"));
        meta.put("location", location(kind, id));
        return out;
    }

    private static boolean isMember(ObjectNode group, String id) {
        return group.path("members").findValuesAsText("value").contains(id);
    }

    String location(Kind kind, String id) {
        return scimBaseUrl.get() + kind.endpoint + "/" + id;
    }
}
