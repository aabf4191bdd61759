package nl.accountlifecycle.odoosim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The in-memory database and the ORM methods the sync relies on: {@code search} (with {@code active_test}),
 * {@code read} (many2one as {@code [id, name]}), {@code create} (all or nothing) and {@code write}, over
 * {@link UserTable} and {@link Groups}. Up to Odoo 18 a user's {@code groups_id} holds the implied groups too; 19
 * keeps the assigned ones in {@code group_ids} and all of them in the computed {@code all_group_ids};
 * {@code has_group} follows implied groups in every version. All methods are called under the simulator's lock.
 */
final class OdooStore {

    private final Groups groups = new Groups();
    private final UserTable table = new UserTable(groups);
    private OdooVersion version;

    OdooStore(int version) {
        this.version = new OdooVersion(version);
        reset();
    }

    int version() {
        return version.number();
    }

    OdooVersion odooVersion() {
        return version;
    }

    void setVersion(int value) {
        version = new OdooVersion(value);
    }

    void reset() {
        groups.reset();
        table.reset();
    }

    Set<String> fields(String model) {
        return version.fields(model);
    }

    private Map<Integer, Map<String, Object>> table(String model) {
        return switch (model) {
            case "res.users" -> table.users;
            case "res.partner" -> table.partners;
            case "res.groups" -> groups.groups;
            case "res.partner.title" -> table.titles;
            case "ir.model.data" -> groups.xmlIds;
            default -> throw OdooVersion.unknownModel(model);
        };
    }

    /** {@code res.users.has_group}: whether the user is in the group with this XML id, implied groups included. */
    @SuppressWarnings("unchecked")
    boolean hasGroup(int userId, String xmlId) {
        Map<String, Object> user = table.users.get(userId);
        if (user == null) {
            throw OdooError.missing("res.users", userId);
        }
        return groups.withImplied((Set<Integer>) user.get("groups")).contains(groups.byXmlId(xmlId));
    }

    /**
     * odoo/models.py {@code _search} (16, 17): unless the context says {@code active_test: False}, records with
     * {@code active} false are left out, except when the domain names {@code active} itself.
     */
    List<Integer> search(String model, List<?> domain, Map<String, ?> context, int offset, Integer limit) {
        fields(model);
        boolean activeTest = context == null || !Boolean.FALSE.equals(context.get("active_test"));
        boolean domainMentionsActive = domain != null && domain.stream()
                .anyMatch(term -> term instanceof List<?> t && !t.isEmpty() && "active".equals(t.get(0)));
        List<Integer> ids = new ArrayList<>();
        for (Integer id : candidates(model, domain)) {
            if (activeTest && !domainMentionsActive && !Boolean.TRUE.equals(value(model, id, "active"))) {
                continue;
            }
            if (Domain.matches(domain, field -> value(model, id, field))) {
                ids.add(id);
            }
        }
        int from = Math.min(offset, ids.size());
        int to = limit == null || limit <= 0 ? ids.size() : Math.min(ids.size(), from + limit);
        return new ArrayList<>(ids.subList(from, to));
    }

    /** All ids, or, for a users' domain starting with a login or oauth_uid term, the ids the index gives. */
    private Collection<Integer> candidates(String model, List<?> domain) {
        if (!"res.users".equals(model) || domain == null || domain.isEmpty() || !(domain.get(0) instanceof List<?> t)
                || t.size() != 3 || !("=".equals(t.get(1)) || "in".equals(t.get(1)))
                || !("login".equals(t.get(0)) || "oauth_uid".equals(t.get(0)))) {
            return table(model).keySet();
        }
        List<?> values = "in".equals(t.get(1)) && t.get(2) instanceof List<?> l ? l : List.of(t.get(2));
        Set<Integer> ids = new TreeSet<>();
        for (Object v : values) {
            if ("login".equals(t.get(0))) {
                Integer id = table.byLogin(String.valueOf(v));
                if (id != null) {
                    ids.add(id);
                }
            } else {
                ids.addAll(table.byOauthUid(v));
            }
        }
        return ids;
    }

    List<Map<String, Object>> read(String model, Collection<Integer> ids, List<String> fields) {
        Set<String> known = fields(model);
        List<String> wanted = fields == null || fields.isEmpty() ? new ArrayList<>(known) : fields;
        for (String f : wanted) {
            if (!known.contains(f)) {
                throw new OdooError(OdooError.Kind.APPLICATION, "Invalid field '" + f + "' on model '" + model + "'");
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Integer id : ids) {
            if (!table(model).containsKey(id)) {
                throw OdooError.missing(model, id);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            for (String f : wanted) {
                row.put(f, external(f, value(model, id, f)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The stored value of a field, following {@code res.users} → {@code res.partner} delegation. */
    Object value(String model, int id, String field) {
        Map<String, Object> record = table(model).get(id);
        if (record == null) {
            return false;
        }
        if ("res.users".equals(model) && version.partnerFields().contains(field)) {
            return value("res.partner", (Integer) record.get("partner_id"), field);
        }
        if ("display_name".equals(field)) {
            return value(model, id, "name");
        }
        if ("res.users".equals(model) && (field.equals(version.groupsField()) || "all_group_ids".equals(field))) {
            @SuppressWarnings("unchecked")
            Set<Integer> assigned = (Set<Integer>) record.get("groups");
            // 19's group_ids: the assigned groups; groups_id before it and all_group_ids: implied ones too
            return new ArrayList<>("group_ids".equals(field) ? assigned : groups.withImplied(assigned));
        }
        Object v = record.get(field);
        return v == null ? false : v;
    }

    /** Many2one fields go out as {@code [id, display_name]} or {@code false}. */
    private Object external(String field, Object value) {
        String comodel = switch (field) {
            case "partner_id" -> "res.partner";
            case "title" -> "res.partner.title";
            case "oauth_provider_id" -> "auth.oauth.provider";
            default -> null;
        };
        if (comodel == null || !(value instanceof Integer id)) {
            return value;
        }
        String name = "auth.oauth.provider".equals(comodel) ? "Keycloak" : String.valueOf(value(comodel, id, "name"));
        return List.of(id, name);
    }

    /** All or nothing, like one database transaction. */
    List<Integer> create(String model, List<Map<String, Object>> valsList) {
        fields(model);
        valsList.forEach(vals -> checkFields(model, vals));
        Runnable rollback = table.savepoint();
        try {
            List<Integer> ids = new ArrayList<>();
            for (Map<String, Object> vals : valsList) {
                ids.add(switch (model) {
                    case "res.partner" -> table.createPartner(vals, version);
                    case "res.users" -> table.createUser(vals, version);
                    default -> throw new OdooError(OdooError.Kind.ACCESS, "You are not allowed to create '" + model + "' records.");
                });
            }
            return ids;
        } catch (OdooError e) {
            rollback.run();
            throw e;
        }
    }

    void write(String model, List<Integer> ids, Map<String, Object> vals) {
        checkFields(model, vals);
        for (Integer id : ids) {
            if (!table(model).containsKey(id)) {
                throw OdooError.missing(model, id);
            }
        }
        for (Integer id : ids) {
            switch (model) {
                case "res.users" -> table.writeUser(id, vals, version);
                case "res.partner" -> table.writePartner(id, vals);
                default -> throw new OdooError(OdooError.Kind.ACCESS, "You are not allowed to modify '" + model + "' records.");
            }
        }
    }

    private void checkFields(String model, Map<String, Object> vals) {
        Set<String> known = fields(model);
        for (String f : vals.keySet()) {
            if (!known.contains(f) || "id".equals(f) || "display_name".equals(f)) {
                throw new OdooError(OdooError.Kind.APPLICATION, "Invalid field '" + f + "' on model '" + model + "'");
            }
        }
    }

    /** Every user with the fields this version has, titles by name: for tests and the listing. */
    List<Map<String, Object>> userRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Integer id : table.users.keySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            for (String f : List.of("login", "name", "email", "active", "oauth_uid", "oauth_provider_id", "phone",
                    "mobile", "function", "title")) {
                if (version.fields("res.users").contains(f)) {
                    Object v = value("res.users", id, f);
                    row.put(f, "title".equals(f) && v instanceof Integer t ? table.titles.get(t).get("name") : v);
                }
            }
            row.put(version.groupsField(), value("res.users", id, version.groupsField()));
            rows.add(row);
        }
        return rows;
    }

    static String lower(Object v) {
        return String.valueOf(v).toLowerCase(Locale.ROOT);
    }
}
