package nl.accountlifecycle.odoo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import nl.accountlifecycle.odoo.client.OdooClient;
import nl.accountlifecycle.odoo.client.OdooException;

/**
 * Brings a batch of users to Odoo with few round trips: one search for the users already linked (by
 * {@code oauth_uid}, archived ones included), one for existing users to link by login, one {@code create} for
 * all new users, one {@code write} archiving all deleted users, and the updates pipelined on a small pool.
 * Every write is an upsert keyed by {@code oauth_uid}, so delivering the same state twice changes nothing.
 * <p>
 * An optional field whose lookup fails (the titles of {@code res.partner.title}, say, on an Odoo whose partners
 * have a {@code title} field but where the model is missing or not readable) is left out, not a reason to hold back
 * the users: they are delivered without it, {@link #skippedFields()} says which field and why ({@link OdooTitles}).
 */
final class OdooDelivery {

    static final Map<String, Object> ALL_RECORDS = Map.of("active_test", false);

    private final OdooClient client;
    private final ExecutorService writers;
    private OdooSettings settings;
    private OdooUserMapping.Fields fields;
    private final OdooTitles titles;
    /** Odoo's administrator groups ({@code base.group_system}, {@code base.group_erp_manager}) by id. */
    private List<Object> adminGroupIds;

    /** {@code titles}: shared by the connections of one node to the same Odoo. */
    OdooDelivery(OdooClient client, ExecutorService writers, OdooTitles titles) {
        this.client = client;
        this.writers = writers;
        this.titles = titles;
    }

    OdooClient client() {
        return client;
    }

    /** The optional fields left out of the last batch with why ({@code "title: validation: fault 2"}), or null. */
    synchronized String skippedFields() {
        return settings != null && settings.syncTitle() && titles.problem() != null ? "title: " + titles.problem() : null;
    }

    /**
     * Delivers with the realm's current settings; returns the users that failed with why. Users not in the
     * result are in step with Keycloak. One batch at a time per connection.
     */
    synchronized Map<String, OdooException> deliver(List<UserSnapshot> users, OdooSettings current) {
        this.settings = current;
        Map<String, OdooException> failures = new LinkedHashMap<>();
        try {
            client.uid();
            prepare();
        } catch (OdooException e) {
            users.forEach(u -> failures.put(u.id(), e));
            return failures;
        }
        List<UserSnapshot> live = new ArrayList<>();
        for (UserSnapshot u : users) {
            if (!u.deleted() && (u.email() == null || u.email().isBlank())) {
                failures.put(u.id(), OdooException.permanent(OdooException.Kind.REFUSED,
                        "the user has no email address; Odoo needs one as the login"));
            } else {
                live.add(u);
            }
        }
        if (live.isEmpty()) {
            return failures;
        }
        try {
            Map<String, Integer> linked = linkedUsers(live, failures);
            List<UserSnapshot> deliverable = live.stream().filter(u -> !failures.containsKey(u.id())).toList();
            archive(deliverable, linked, failures);
            create(deliverable, linked, failures);
            update(deliverable, linked, failures);
        } catch (OdooException e) {
            live.forEach(u -> failures.putIfAbsent(u.id(), e));
        }
        return failures;
    }

    private void prepare() throws OdooException {
        if (fields == null) {
            fields = new OdooUserMapping.Fields(client.fieldNames("res.users"), client.fieldNames("res.partner"));
        }
        if (settings.syncTitle() && fields.partners().contains("title")) {
            titles.refreshIfStale(client);
        }
        if (settings.linkExisting() && adminGroupIds == null) {
            List<Object> ids = new ArrayList<>();
            for (Map<String, Object> row : client.searchRead("ir.model.data", List.of(List.of("module", "=", "base"),
                    List.of("model", "=", "res.groups"), List.of("name", "in", List.of("group_system", "group_erp_manager"))),
                    List.of("res_id"), Map.of())) {
                ids.add(((Number) row.get("res_id")).intValue());
            }
            adminGroupIds = ids;
        }
    }

    /**
     * Keycloak user id → Odoo user id, for users linked before (by {@code oauth_uid}) or linkable now by login.
     * An Odoo user found by login is linked only when {@code linkExisting} is on, it has no {@code oauth_uid} of
     * another account, and it is in no administrator group (implied groups included): otherwise inviting its
     * address in Keycloak would hand over that Odoo account. Such users fail with a reason instead, at once.
     */
    private Map<String, Integer> linkedUsers(List<UserSnapshot> users, Map<String, OdooException> failures) throws OdooException {
        Map<String, Integer> linked = new HashMap<>();
        List<Object> ids = new ArrayList<>(users.stream().map(UserSnapshot::id).toList());
        for (Map<String, Object> row : client.searchRead("res.users", List.of(List.of("oauth_uid", "in", ids)),
                List.of("id", "oauth_uid"), ALL_RECORDS)) {
            linked.put(String.valueOf(row.get("oauth_uid")), ((Number) row.get("id")).intValue());
        }
        Map<String, String> byLogin = new HashMap<>();
        for (UserSnapshot u : users) {
            if (!u.deleted() && !linked.containsKey(u.id())) {
                byLogin.put(OdooUserMapping.login(u), u.id());
            }
        }
        if (byLogin.isEmpty()) {
            return linked;
        }
        String groupsField = fields.allGroupsField();
        List<String> read = new ArrayList<>(List.of("id", "login", "oauth_uid"));
        if (settings.linkExisting() && groupsField != null) {
            read.add(groupsField);
        }
        for (Map<String, Object> row : client.searchRead("res.users",
                List.of(List.of("login", "in", new ArrayList<Object>(byLogin.keySet()))), read, ALL_RECORDS)) {
            String userId = byLogin.get(String.valueOf(row.get("login")).toLowerCase(java.util.Locale.ROOT));
            if (userId == null) {
                continue;
            }
            String refusal = linkRefusal(row, groupsField);
            if (refusal == null) {
                linked.put(userId, ((Number) row.get("id")).intValue());
            } else {
                failures.put(userId, OdooException.permanent(OdooException.Kind.REFUSED, refusal));
            }
        }
        return linked;
    }

    private String linkRefusal(Map<String, Object> odooUser, String groupsField) {
        if (!settings.linkExisting()) {
            return "an Odoo user with this login already exists and linkExisting is off; link it in Odoo or turn linkExisting on";
        }
        Object oauthUid = odooUser.get("oauth_uid");
        if (oauthUid != null && !Boolean.FALSE.equals(oauthUid) && !String.valueOf(oauthUid).isBlank()) {
            return "the Odoo user with this login is linked to another account (oauth_uid); not linked";
        }
        if (groupsField == null || adminGroupIds.isEmpty() || !(odooUser.get(groupsField) instanceof List<?> groups)) {
            return "cannot read the Odoo user's groups, so cannot rule out an administrator; not linked";
        }
        for (Object group : groups) {
            if (group instanceof Number n && adminGroupIds.contains(n.intValue())) {
                return "the Odoo user with this login is an Odoo administrator (base.group_system or base.group_erp_manager); never linked";
            }
        }
        return null;
    }

    /** Deleted in Keycloak: archived in Odoo, never deleted. One write for all of them. */
    private void archive(List<UserSnapshot> users, Map<String, Integer> linked, Map<String, OdooException> failures) {
        List<Integer> ids = new ArrayList<>();
        List<String> who = new ArrayList<>();
        for (UserSnapshot u : users) {
            if (u.deleted() && linked.containsKey(u.id())) {
                ids.add(linked.get(u.id()));
                who.add(u.id());
            }
        }
        if (!ids.isEmpty()) {
            try {
                client.write("res.users", ids, Map.of("active", false), ALL_RECORDS);
            } catch (OdooException e) {
                who.forEach(id -> failures.put(id, e));
            }
        }
    }

    /** New users in one create call; if Odoo refuses the batch, one by one to find the user it refuses. */
    private void create(List<UserSnapshot> users, Map<String, Integer> linked, Map<String, OdooException> failures)
            throws OdooException {
        List<UserSnapshot> fresh = users.stream().filter(u -> !u.deleted() && !linked.containsKey(u.id())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        List<Map<String, Object>> vals = fresh.stream().map(u -> OdooUserMapping.values(u, settings, fields, titles.ids())).toList();
        try {
            client.create("res.users", vals, ALL_RECORDS);
            return;
        } catch (OdooException e) {
            if (fresh.size() == 1) {
                failures.put(fresh.get(0).id(), e);
                return;
            }
            if (e.kind() != OdooException.Kind.VALIDATION && e.kind() != OdooException.Kind.SERVER) {
                throw e; // Odoo unreachable or refusing us: the whole batch waits
            }
        }
        for (int i = 0; i < fresh.size(); i++) {
            try {
                client.create("res.users", List.of(vals.get(i)), ALL_RECORDS);
            } catch (OdooException e) {
                failures.put(fresh.get(i).id(), e);
            }
        }
    }

    /** Linked users: one write each, several at once. */
    private void update(List<UserSnapshot> users, Map<String, Integer> linked, Map<String, OdooException> failures) {
        Map<String, Future<?>> running = new LinkedHashMap<>();
        for (UserSnapshot u : users) {
            if (u.deleted() || !linked.containsKey(u.id())) {
                continue;
            }
            Map<String, Object> vals = OdooUserMapping.values(u, settings, fields, titles.ids());
            int odooId = linked.get(u.id());
            running.put(u.id(), writers.submit(() -> {
                client.write("res.users", List.of(odooId), vals, ALL_RECORDS);
                return null;
            }));
        }
        running.forEach((userId, future) -> {
            try {
                future.get();
            } catch (ExecutionException e) {
                failures.put(userId, e.getCause() instanceof OdooException o ? o
                        : new OdooException(OdooException.Kind.SERVER, e.getCause().getClass().getSimpleName()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.put(userId, new OdooException(OdooException.Kind.UNAVAILABLE, "interrupted"));
            }
        });
    }
}
