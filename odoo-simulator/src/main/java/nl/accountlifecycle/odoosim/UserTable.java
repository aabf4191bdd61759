package nl.accountlifecycle.odoosim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code res.users}, {@code res.partner} and {@code res.partner.title}: the records, what a database index gives
 * Odoo (users by login and by oauth_uid, so big batches stay fast), and how creates and writes change them.
 * {@code res.users} inherits {@code res.partner} by delegation ({@code _inherits}), so a user's name, email, phone,
 * mobile, function and title live on its partner.
 */
final class UserTable {

    final Map<Integer, Map<String, Object>> partners = new TreeMap<>();
    final Map<Integer, Map<String, Object>> users = new TreeMap<>();
    final Map<Integer, Map<String, Object>> titles = new TreeMap<>();
    private final Map<String, Integer> byLogin = new HashMap<>();
    private final Map<Object, Set<Integer>> byOauthUid = new HashMap<>();
    private final Groups groups;
    private int nextId = 100;

    UserTable(Groups groups) {
        this.groups = groups;
    }

    void reset() {
        partners.clear();
        users.clear();
        titles.clear();
        byLogin.clear();
        byOauthUid.clear();
        nextId = 100;
        titles.put(1, new LinkedHashMap<>(Map.of("id", 1, "name", "Mister", "shortcut", "Mr.", "active", true)));
        titles.put(2, new LinkedHashMap<>(Map.of("id", 2, "name", "Madam", "shortcut", "Mrs.", "active", true)));
        titles.put(3, new LinkedHashMap<>(Map.of("id", 3, "name", "Doctor", "shortcut", "Dr.", "active", true)));
        titles.put(4, new LinkedHashMap<>(Map.of("id", 4, "name", "Professor", "shortcut", "Prof.", "active", true)));
        // the administrator Odoo ships with (uid 2)
        Map<String, Object> adminPartner = newRecord(3);
        adminPartner.put("name", "Administrator");
        adminPartner.put("email", "admin@example.com");
        partners.put(3, adminPartner);
        Map<String, Object> admin = newRecord(OdooSimulator.ADMIN_UID);
        admin.put("login", "admin");
        admin.put("partner_id", 3);
        admin.put("oauth_uid", false);
        admin.put("oauth_provider_id", false);
        admin.put("groups", new LinkedHashSet<>(List.of(OdooSimulator.GROUP_USER, OdooSimulator.GROUP_SYSTEM)));
        users.put(OdooSimulator.ADMIN_UID, admin);
        byLogin.put("admin", OdooSimulator.ADMIN_UID);
    }

    static Map<String, Object> newRecord(int id) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("active", true);
        return record;
    }

    /** The user with exactly this login: a unique index, so case-sensitive as PostgreSQL compares text. */
    Integer byLogin(String login) {
        return byLogin.get(login);
    }

    Set<Integer> byOauthUid(Object uid) {
        return byOauthUid.getOrDefault(uid, Set.of());
    }

    /** What a failed create must roll back to: one database transaction. */
    Runnable savepoint() {
        Map<Integer, Map<String, Object>> undoUsers = new TreeMap<>(users);
        Map<Integer, Map<String, Object>> undoPartners = new TreeMap<>(partners);
        Map<String, Integer> undoLogin = new HashMap<>(byLogin);
        Map<Object, Set<Integer>> undoUid = new HashMap<>();
        byOauthUid.forEach((k, v) -> undoUid.put(k, new HashSet<>(v)));
        int undoNext = nextId;
        return () -> {
            users.clear();
            users.putAll(undoUsers);
            partners.clear();
            partners.putAll(undoPartners);
            byLogin.clear();
            byLogin.putAll(undoLogin);
            byOauthUid.clear();
            byOauthUid.putAll(undoUid);
            nextId = undoNext;
        };
    }

    int createPartner(Map<String, Object> vals, OdooVersion version) {
        int id = nextId++;
        partners.put(id, newRecord(id));
        writePartner(id, vals);
        return id;
    }

    int createUser(Map<String, Object> vals, OdooVersion version) {
        if (!(vals.get("login") instanceof String login)) {
            // login is required=True, so NOT NULL: odoo/service/model.py _as_validation_error (17, 18)
            throw new OdooError(OdooError.Kind.VALIDATION, "The operation cannot be completed:\n"
                    + "- Create/update: a mandatory field is not set.\n"
                    + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                    + "Model: User (res.users)\nField: Login (login)\n");
        }
        int id = nextId++;
        int partnerId = nextId++;
        partners.put(partnerId, newRecord(partnerId));
        Map<String, Object> user = newRecord(id);
        user.put("partner_id", partnerId);
        user.put("oauth_uid", false);
        user.put("oauth_provider_id", false);
        user.put("groups", new LinkedHashSet<>(List.of(OdooSimulator.GROUP_USER)));
        users.put(id, user);
        Map<String, Object> withName = new LinkedHashMap<>(vals);
        withName.putIfAbsent("name", login);
        writeUser(id, withName, version);
        return id;
    }

    @SuppressWarnings("unchecked")
    void writeUser(int id, Map<String, Object> vals, OdooVersion version) {
        Map<String, Object> user = users.get(id);
        Map<String, Object> partnerVals = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : vals.entrySet()) {
            String f = e.getKey();
            Object v = e.getValue();
            if (version.partnerFields().contains(f)) {
                partnerVals.put(f, v);
            } else if ("login".equals(f)) {
                writeLogin(id, user, String.valueOf(v), version);
            } else if ("oauth_uid".equals(f) || "oauth_provider_id".equals(f)) {
                writeOauth(id, user, f, v);
            } else if (f.equals(version.groupsField())) {
                groups.apply((Set<Integer>) user.get("groups"), v, f);
            } else if ("active".equals(f)) {
                user.put("active", Boolean.TRUE.equals(v));
                partners.get((Integer) user.get("partner_id")).put("active", Boolean.TRUE.equals(v));
            } else if ("partner_id".equals(f)) {
                throw new OdooError(OdooError.Kind.USER, "You cannot change the partner of a user.");
            }
        }
        writePartner((Integer) user.get("partner_id"), partnerVals);
    }

    /**
     * The login as given: Char fields are trimmed by the web client only (fields.Char {@code trim}), and the
     * unique index compares exactly, so "Jan@x" and "jan@x" are two logins.
     */
    private void writeLogin(int id, Map<String, Object> user, String login, OdooVersion version) {
        Integer holder = byLogin.get(login);
        if (holder != null && holder != id) {
            throw new OdooError(OdooError.Kind.VALIDATION, version.duplicateLogin());
        }
        Object previous = user.put("login", login);
        if (previous != null) {
            byLogin.remove(String.valueOf(previous));
        }
        byLogin.put(login, id);
    }

    /** auth_oauth's {@code uniq_users_oauth_provider_oauth_uid}: unique(oauth_provider_id, oauth_uid). */
    private void writeOauth(int id, Map<String, Object> user, String field, Object value) {
        Object previousUid = user.get("oauth_uid");
        Object previousValue = user.put(field, value);
        Object uid = user.get("oauth_uid");
        Object provider = user.get("oauth_provider_id");
        for (Integer other : byOauthUid.getOrDefault(uid, Set.of())) {
            if (other != id && !Boolean.FALSE.equals(uid) && provider.equals(users.get(other).get("oauth_provider_id"))) {
                user.put(field, previousValue);
                throw new OdooError(OdooError.Kind.VALIDATION,
                        "The operation cannot be completed: OAuth UID must be unique per provider");
            }
        }
        if (previousUid != null && byOauthUid.containsKey(previousUid)) {
            byOauthUid.get(previousUid).remove(id);
        }
        byOauthUid.computeIfAbsent(uid, k -> new HashSet<>()).add(id);
    }

    void writePartner(int id, Map<String, Object> vals) {
        Map<String, Object> partner = partners.get(id);
        for (Map.Entry<String, Object> e : vals.entrySet()) {
            Object v = e.getValue();
            if ("title".equals(e.getKey()) && v instanceof Number n && !titles.containsKey(n.intValue())) {
                throw OdooError.missing("res.partner.title", n);
            }
            partner.put(e.getKey(), v instanceof Number n && !(v instanceof Integer) ? n.intValue() : v);
        }
    }
}
