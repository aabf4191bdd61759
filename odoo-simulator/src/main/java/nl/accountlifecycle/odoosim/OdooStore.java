package nl.accountlifecycle.odoosim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The in-memory database: {@code res.users}, {@code res.partner}, {@code res.groups}, {@code res.partner.title} and
 * {@code ir.model.data} (the XML ids of the groups), with the ORM behaviour the sync relies on. {@code res.users}
 * inherits {@code res.partner} by delegation, as in Odoo: a user's name, email, phone, mobile, function and title
 * live on its partner. Groups imply other groups ({@code implied_ids}): up to Odoo 18 a user's {@code groups_id}
 * holds the implied groups too; Odoo 19 keeps the assigned ones in {@code group_ids} and all of them in the
 * computed {@code all_group_ids}; {@code has_group('base.group_system')} follows implied groups in every version.
 * All methods are called under the simulator's lock.
 */
final class OdooStore {

    static final Set<String> PARTNER_FIELDS_17 = Set.of("name", "email", "phone", "mobile", "function", "title");
    static final Set<String> PARTNER_FIELDS_19 = Set.of("name", "email", "phone", "function", "title");

    private final Map<Integer, Map<String, Object>> partners = new TreeMap<>();
    private final Map<Integer, Map<String, Object>> users = new TreeMap<>();
    private final Map<Integer, Map<String, Object>> groups = new TreeMap<>();
    private final Map<Integer, Map<String, Object>> titles = new TreeMap<>();
    private final Map<Integer, Map<String, Object>> xmlIds = new TreeMap<>();
    private int nextId = 100;
    /** What a database index gives Odoo: users by login and by oauth_uid, so big batches stay fast. */
    private final Map<String, Integer> byLogin = new java.util.HashMap<>();
    private final Map<Object, Set<Integer>> byOauthUid = new java.util.HashMap<>();
    int version = 17;

    OdooStore() {
        reset();
    }

    void reset() {
        partners.clear();
        users.clear();
        groups.clear();
        titles.clear();
        xmlIds.clear();
        byLogin.clear();
        byOauthUid.clear();
        nextId = 100;
        // Odoo's own groups, with their XML ids and what they imply
        group(1, "Role / User", "base.group_user");
        group(4, "Administration / Access Rights", "base.group_erp_manager", 1);
        group(2, "Role / Administrator", "base.group_system", 4);
        group(3, "Sales / User", "sales_team.group_sale_salesman", 1);
        titles.put(1, new LinkedHashMap<>(Map.of("id", 1, "name", "Mister", "shortcut", "Mr.", "active", true)));
        titles.put(2, new LinkedHashMap<>(Map.of("id", 2, "name", "Madam", "shortcut", "Mrs.", "active", true)));
        titles.put(3, new LinkedHashMap<>(Map.of("id", 3, "name", "Doctor", "shortcut", "Dr.", "active", true)));
        titles.put(4, new LinkedHashMap<>(Map.of("id", 4, "name", "Professor", "shortcut", "Prof.", "active", true)));
        // the administrator Odoo ships with (uid 2)
        Map<String, Object> adminPartner = newRecord(3);
        adminPartner.put("name", "Administrator");
        adminPartner.put("email", "admin@example.com");
        partners.put(3, adminPartner);
        Map<String, Object> admin = newRecord(2);
        admin.put("login", "admin");
        admin.put("partner_id", 3);
        admin.put("oauth_uid", false);
        admin.put("oauth_provider_id", false);
        admin.put("groups", new LinkedHashSet<>(List.of(1, 2)));
        users.put(2, admin);
        byLogin.put("admin", 2);
    }

    private void group(int id, String name, String xmlId, Integer... implied) {
        groups.put(id, new LinkedHashMap<>(Map.of("id", id, "name", name, "active", true,
                "implied_ids", new ArrayList<>(List.of(implied)))));
        String[] parts = xmlId.split("\\.", 2);
        int dataId = xmlIds.size() + 1;
        xmlIds.put(dataId, new LinkedHashMap<>(Map.of("id", dataId, "module", parts[0], "name", parts[1],
                "model", "res.groups", "res_id", id, "complete_name", xmlId, "active", true)));
    }

    /** The groups and every group they imply, transitively. */
    @SuppressWarnings("unchecked")
    Set<Integer> withImplied(Collection<Integer> assigned) {
        Set<Integer> all = new java.util.TreeSet<>();
        java.util.Deque<Integer> todo = new java.util.ArrayDeque<>(assigned);
        while (!todo.isEmpty()) {
            Integer g = todo.pop();
            if (all.add(g) && groups.containsKey(g)) {
                todo.addAll((List<Integer>) groups.get(g).get("implied_ids"));
            }
        }
        return all;
    }

    /** {@code res.users.has_group}: whether the user is in the group with this XML id, implied groups included. */
    @SuppressWarnings("unchecked")
    boolean hasGroup(int userId, String xmlId) {
        Map<String, Object> user = users.get(userId);
        if (user == null) {
            throw new OdooError(OdooError.Kind.USER, "Record does not exist or has been deleted.\n(Record: res.users("
                    + userId + ",), User: 2)");
        }
        Integer groupId = xmlIds.values().stream().filter(x -> xmlId.equals(x.get("complete_name")))
                .map(x -> (Integer) x.get("res_id")).findFirst()
                .orElseThrow(() -> new OdooError(OdooError.Kind.APPLICATION, "External ID not found in the system: " + xmlId));
        return withImplied((Set<Integer>) user.get("groups")).contains(groupId);
    }

    private static Map<String, Object> newRecord(int id) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("active", true);
        return record;
    }

    String groupsField() {
        return version >= 19 ? "group_ids" : "groups_id";
    }

    Set<String> partnerFields() {
        return version >= 19 ? PARTNER_FIELDS_19 : PARTNER_FIELDS_17;
    }

    Set<String> fields(String model) {
        Set<String> fields = new LinkedHashSet<>(List.of("id", "active", "display_name"));
        switch (model) {
            case "res.users" -> {
                fields.addAll(List.of("login", "partner_id", "oauth_uid", "oauth_provider_id", groupsField()));
                if (version >= 19) {
                    fields.add("all_group_ids");
                }
                fields.addAll(partnerFields());
            }
            case "res.partner" -> fields.addAll(partnerFields());
            case "res.groups" -> fields.addAll(List.of("name", "implied_ids"));
            case "ir.model.data" -> fields.addAll(List.of("module", "name", "model", "res_id", "complete_name"));
            case "res.partner.title" -> fields.addAll(List.of("name", "shortcut"));
            default -> throw unknownModel(model);
        }
        return fields;
    }

    static OdooError unknownModel(String model) {
        return new OdooError(OdooError.Kind.APPLICATION, "Object " + model + " doesn't exist");
    }

    private Map<Integer, Map<String, Object>> table(String model) {
        return switch (model) {
            case "res.users" -> users;
            case "res.partner" -> partners;
            case "res.groups" -> groups;
            case "res.partner.title" -> titles;
            case "ir.model.data" -> xmlIds;
            default -> throw unknownModel(model);
        };
    }

    // ---- ORM methods ----

    List<Integer> search(String model, List<?> domain, Map<String, ?> context, int offset, Integer limit) {
        boolean activeTest = context == null || !Boolean.FALSE.equals(context.get("active_test"));
        boolean domainMentionsActive = mentions(domain, "active");
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
                || t.size() != 3 || !("=".equals(t.get(1)) || "in".equals(t.get(1)))) {
            return table(model).keySet();
        }
        List<?> values = "in".equals(t.get(1)) && t.get(2) instanceof List<?> l ? l : List.of(t.get(2));
        Set<Integer> ids = new java.util.TreeSet<>();
        if ("login".equals(t.get(0))) {
            values.forEach(v -> {
                Integer id = byLogin.get(String.valueOf(v));
                if (id != null) {
                    ids.add(id);
                }
            });
            return ids;
        }
        if ("oauth_uid".equals(t.get(0))) {
            values.forEach(v -> ids.addAll(byOauthUid.getOrDefault(v, Set.of())));
            return ids;
        }
        return table(model).keySet();
    }

    private static boolean mentions(List<?> domain, String field) {
        if (domain == null) {
            return false;
        }
        for (Object term : domain) {
            if (term instanceof List<?> t && !t.isEmpty() && field.equals(t.get(0))) {
                return true;
            }
        }
        return false;
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
                throw new OdooError(OdooError.Kind.USER, "Record does not exist or has been deleted.\n(Record: "
                        + model + "(" + id + ",), User: 2)");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            for (String f : wanted) {
                row.put(f, external(model, f, value(model, id, f)));
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
        if ("res.users".equals(model) && PARTNER_FIELDS_17.contains(field)) {
            return value("res.partner", (Integer) record.get("partner_id"), field);
        }
        if ("display_name".equals(field)) {
            return value(model, id, "name");
        }
        if ("res.users".equals(model) && (field.equals(groupsField()) || "all_group_ids".equals(field))) {
            @SuppressWarnings("unchecked")
            Set<Integer> assigned = (Set<Integer>) record.get("groups");
            // Odoo 19's group_ids: the assigned groups; groups_id before it and all_group_ids: implied ones too
            return new ArrayList<>(version >= 19 && "group_ids".equals(field) ? assigned : withImplied(assigned));
        }
        Object v = record.get(field);
        return v == null ? false : v;
    }

    /** Many2one fields go out as {@code [id, display_name]} or {@code false}. */
    private Object external(String model, String field, Object value) {
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

    List<Integer> create(String model, List<Map<String, Object>> valsList) {
        List<Map<String, Object>> checked = new ArrayList<>();
        for (Map<String, Object> vals : valsList) {
            checkFields(model, vals);
            checked.add(vals);
        }
        // all-or-nothing, like one database transaction
        Map<Integer, Map<String, Object>> undoUsers = new TreeMap<>(users);
        Map<Integer, Map<String, Object>> undoPartners = new TreeMap<>(partners);
        Map<String, Integer> undoLogin = new java.util.HashMap<>(byLogin);
        Map<Object, Set<Integer>> undoUid = new java.util.HashMap<>();
        byOauthUid.forEach((k, v) -> undoUid.put(k, new java.util.HashSet<>(v)));
        int undoNext = nextId;
        try {
            List<Integer> ids = new ArrayList<>();
            for (Map<String, Object> vals : checked) {
                ids.add(createOne(model, vals));
            }
            return ids;
        } catch (OdooError e) {
            users.clear();
            users.putAll(undoUsers);
            partners.clear();
            partners.putAll(undoPartners);
            byLogin.clear();
            byLogin.putAll(undoLogin);
            byOauthUid.clear();
            byOauthUid.putAll(undoUid);
            nextId = undoNext;
            throw e;
        }
    }

    private int createOne(String model, Map<String, Object> vals) {
        int id = nextId++;
        switch (model) {
            case "res.partner" -> {
                Map<String, Object> partner = newRecord(id);
                partners.put(id, partner);
                writePartner(id, vals);
            }
            case "res.users" -> {
                Object login = vals.get("login");
                if (!(login instanceof String l) || l.isBlank()) {
                    throw new OdooError(OdooError.Kind.VALIDATION, "The field 'Login' is required, please complete it to validate the User creation.");
                }
                int partnerId = nextId++;
                partners.put(partnerId, newRecord(partnerId));
                Map<String, Object> user = newRecord(id);
                user.put("partner_id", partnerId);
                user.put("oauth_uid", false);
                user.put("oauth_provider_id", false);
                user.put("groups", new LinkedHashSet<>(List.of(1)));
                users.put(id, user);
                if (!vals.containsKey("name")) {
                    vals = new LinkedHashMap<>(vals);
                    vals.put("name", login);
                }
                writeUser(id, vals);
            }
            default -> throw new OdooError(OdooError.Kind.ACCESS, "You are not allowed to create '" + model + "' records.");
        }
        return id;
    }

    void write(String model, List<Integer> ids, Map<String, Object> vals) {
        checkFields(model, vals);
        for (Integer id : ids) {
            if (!table(model).containsKey(id)) {
                throw new OdooError(OdooError.Kind.USER, "Record does not exist or has been deleted.\n(Record: "
                        + model + "(" + id + ",), User: 2)");
            }
        }
        for (Integer id : ids) {
            switch (model) {
                case "res.users" -> writeUser(id, vals);
                case "res.partner" -> writePartner(id, vals);
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

    private void writeUser(int id, Map<String, Object> vals) {
        Map<String, Object> user = users.get(id);
        Map<String, Object> partnerVals = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : vals.entrySet()) {
            String f = e.getKey();
            Object v = e.getValue();
            if (partnerFields().contains(f)) {
                partnerVals.put(f, v);
            } else if ("login".equals(f)) {
                String login = String.valueOf(v).strip();
                Integer holder = byLogin.get(login);
                if (holder != null && holder != id) {
                    throw new OdooError(OdooError.Kind.VALIDATION, "You can not have two users with the same login!");
                }
                Object previous = user.put("login", login);
                if (previous != null) {
                    byLogin.remove(String.valueOf(previous));
                }
                byLogin.put(login, id);
            } else if ("oauth_uid".equals(f) || "oauth_provider_id".equals(f)) {
                Object previousUid = user.get("oauth_uid");
                user.put(f, v);
                Object uid = user.get("oauth_uid");
                Object provider = user.get("oauth_provider_id");
                for (Integer other : byOauthUid.getOrDefault(uid, Set.of())) {
                    if (other != id && !Boolean.FALSE.equals(uid) && provider.equals(users.get(other).get("oauth_provider_id"))) {
                        user.put(f, f.equals("oauth_uid") ? previousUid : user.get(f));
                        throw new OdooError(OdooError.Kind.VALIDATION, "OAuth UID must be unique per provider");
                    }
                }
                if (previousUid != null && byOauthUid.containsKey(previousUid)) {
                    byOauthUid.get(previousUid).remove(id);
                }
                byOauthUid.computeIfAbsent(uid, k -> new java.util.HashSet<>()).add(id);
            } else if (f.equals(groupsField())) {
                applyCommands(user, v);
            } else if ("active".equals(f)) {
                user.put("active", Boolean.TRUE.equals(v));
                partners.get((Integer) user.get("partner_id")).put("active", Boolean.TRUE.equals(v));
            } else if ("partner_id".equals(f)) {
                throw new OdooError(OdooError.Kind.USER, "You cannot change the partner of a user.");
            }
        }
        writePartner((Integer) user.get("partner_id"), partnerVals);
    }

    @SuppressWarnings("unchecked")
    private void applyCommands(Map<String, Object> user, Object commands) {
        Set<Integer> current = (Set<Integer>) user.get("groups");
        if (!(commands instanceof List<?> list)) {
            throw new OdooError(OdooError.Kind.APPLICATION, "Wrong value for res.users." + groupsField() + ": " + commands);
        }
        for (Object c : list) {
            if (!(c instanceof List<?> cmd) || cmd.isEmpty() || !(cmd.get(0) instanceof Number op)) {
                throw new OdooError(OdooError.Kind.APPLICATION, "Wrong value for res.users." + groupsField() + ": " + c);
            }
            switch (op.intValue()) {
                case 4 -> current.add(groupId(cmd.get(1)));
                case 3 -> current.remove(groupId(cmd.get(1)));
                case 5 -> current.clear();
                case 6 -> {
                    current.clear();
                    for (Object g : (List<?>) cmd.get(2)) {
                        current.add(groupId(g));
                    }
                }
                default -> throw new OdooError(OdooError.Kind.APPLICATION, "Unsupported command " + op);
            }
        }
    }

    private int groupId(Object value) {
        int id = ((Number) value).intValue();
        if (!groups.containsKey(id)) {
            throw new OdooError(OdooError.Kind.USER, "Record does not exist or has been deleted.\n(Record: res.groups("
                    + id + ",), User: 2)");
        }
        return id;
    }

    private void writePartner(int id, Map<String, Object> vals) {
        Map<String, Object> partner = partners.get(id);
        for (Map.Entry<String, Object> e : vals.entrySet()) {
            Object v = e.getValue();
            if ("title".equals(e.getKey()) && v instanceof Number n && !titles.containsKey(n.intValue())) {
                throw new OdooError(OdooError.Kind.USER, "Record does not exist or has been deleted.\n(Record: res.partner.title("
                        + n + ",), User: 2)");
            }
            partner.put(e.getKey(), v instanceof Number n && !(v instanceof Integer) ? n.intValue() : v);
        }
    }

    // ---- inspection for tests and the listing ----

    List<Map<String, Object>> userRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Integer id : users.keySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            for (String f : List.of("login", "name", "email", "active", "oauth_uid", "oauth_provider_id", "phone",
                    "mobile", "function", "title")) {
                Object v = value("res.users", id, f);
                row.put(f, "title".equals(f) && v instanceof Integer t ? titles.get(t).get("name") : v);
            }
            row.put(groupsField(), value("res.users", id, groupsField()));
            rows.add(row);
        }
        return rows;
    }

    static String lower(Object v) {
        return String.valueOf(v).toLowerCase(Locale.ROOT);
    }
}
