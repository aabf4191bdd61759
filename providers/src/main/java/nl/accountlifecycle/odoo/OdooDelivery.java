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
 */
final class OdooDelivery {

    static final Map<String, Object> ALL_RECORDS = Map.of("active_test", false);

    private final OdooClient client;
    private final ExecutorService writers;
    private OdooSettings settings;
    private OdooUserMapping.Fields fields;
    private Map<String, Integer> titleIds = Map.of();

    OdooDelivery(OdooClient client, ExecutorService writers) {
        this.client = client;
        this.writers = writers;
    }

    OdooClient client() {
        return client;
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
                failures.put(u.id(), new OdooException(OdooException.Kind.VALIDATION,
                        "the user has no email address; Odoo needs one as the login"));
            } else {
                live.add(u);
            }
        }
        if (live.isEmpty()) {
            return failures;
        }
        try {
            Map<String, Integer> linked = linkedUsers(live);
            archive(live, linked, failures);
            create(live, linked, failures);
            update(live, linked, failures);
        } catch (OdooException e) {
            live.forEach(u -> failures.putIfAbsent(u.id(), e));
        }
        return failures;
    }

    private void prepare() throws OdooException {
        if (fields == null || settings.syncTitle() && titleIds.isEmpty() && fields.partners().contains("title")) {
            fields = new OdooUserMapping.Fields(client.fieldNames("res.users"), client.fieldNames("res.partner"));
            if (settings.syncTitle() && fields.partners().contains("title")) {
                titleIds = OdooUserMapping.titleIds(client.searchRead("res.partner.title", List.of(),
                        List.of("id", "name", "shortcut"), Map.of()));
            }
        }
    }

    /** Keycloak user id → Odoo user id, for users linked before or linkable now by login. */
    private Map<String, Integer> linkedUsers(List<UserSnapshot> users) throws OdooException {
        Map<String, Integer> linked = new HashMap<>();
        List<Object> ids = new ArrayList<>(users.stream().map(UserSnapshot::id).toList());
        for (Map<String, Object> row : client.searchRead("res.users", List.of(List.of("oauth_uid", "in", ids)),
                List.of("id", "oauth_uid"), ALL_RECORDS)) {
            linked.put(String.valueOf(row.get("oauth_uid")), ((Number) row.get("id")).intValue());
        }
        if (settings.linkExisting()) {
            Map<String, String> byLogin = new HashMap<>();
            for (UserSnapshot u : users) {
                if (!u.deleted() && !linked.containsKey(u.id())) {
                    byLogin.put(OdooUserMapping.login(u), u.id());
                }
            }
            if (!byLogin.isEmpty()) {
                for (Map<String, Object> row : client.searchRead("res.users",
                        List.of(List.of("login", "in", new ArrayList<Object>(byLogin.keySet())), List.of("oauth_uid", "=", false)),
                        List.of("id", "login"), ALL_RECORDS)) {
                    String userId = byLogin.get(String.valueOf(row.get("login")).toLowerCase(java.util.Locale.ROOT));
                    if (userId != null) {
                        linked.put(userId, ((Number) row.get("id")).intValue());
                    }
                }
            }
        }
        return linked;
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
        List<Map<String, Object>> vals = fresh.stream().map(u -> OdooUserMapping.values(u, settings, fields, titleIds)).toList();
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
            Map<String, Object> vals = OdooUserMapping.values(u, settings, fields, titleIds);
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
