package nl.accountlifecycle.odoo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.accountlifecycle.admin.ApiError;
import nl.accountlifecycle.admin.Paging;
import nl.accountlifecycle.support.HostPolicy;
import nl.accountlifecycle.support.Clock;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/account-lifecycle/odoo/}: the realm's Odoo settings (the key is never returned),
 * the outbox's state, dead letters, retry and re-sync. Reading settings needs {@code view-realm}, changing them
 * {@code manage-realm}; the queue's state needs {@code view-users}; retry and re-sync need {@code manage-users}.
 */
public final class OdooResource {

    static final int MAX_PAGE = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public OdooResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.REALM);
    }

    @GET
    @Path("config")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> config() {
        auth.realm().requireViewRealm();
        return OdooConfigView.of(OdooSettings.of(session, realm));
    }

    @PUT
    @Path("config")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> saveConfig(java.io.InputStream in) {
        auth.realm().requireManageRealm();
        Map<String, String> values = OdooConfigUpdate.validate(ApiError.jsonObject(ApiError.body(in)), OdooSettings.of(session, realm), allowedHosts());
        OdooSecrets.store(session, realm, values.remove("apiKey"), OdooSettings.keyHost(values.get("url")));
        values.forEach((key, value) -> {
            if (value == null) {
                realm.removeAttribute(OdooSettings.PREFIX + key);
            } else {
                realm.setAttribute(OdooSettings.PREFIX + key, value);
            }
        });
        adminEvent.operation(OperationType.UPDATE).resourcePath("account-lifecycle", "odoo", "config").success();
        return OdooConfigView.of(OdooSettings.of(session, realm));
    }

    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        auth.users().requireView();
        EntityManager em = OdooWorker.em(session);
        Map<String, Long> counts = OdooQueries.counts(em, realm.getId());
        SyncStateEntity state = em.find(SyncStateEntity.class, realm.getId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", OdooSettings.enabled(realm));
        body.put("pending", counts.get("pending"));
        body.put("failed", counts.get("failed"));
        body.put("dead", counts.get("dead"));
        body.put("lastSuccess", state == null || state.getLastSuccessAt() == null ? null
                : Instant.ofEpochMilli(state.getLastSuccessAt()).toString());
        body.put("skippedFields", skippedFields(state));
        return body;
    }

    /** {@code [{field, reason}]}: the optional fields the last batch left out. */
    private static List<Map<String, String>> skippedFields(SyncStateEntity state) {
        if (state == null || state.getSkippedFields() == null) {
            return List.of();
        }
        return state.getSkippedFields().lines().filter(l -> l.contains(": ")).map(l -> Map.of(
                "field", l.substring(0, l.indexOf(": ")), "reason", l.substring(l.indexOf(": ") + 2))).toList();
    }

    @GET
    @Path("dead-letters")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> deadLetters(@QueryParam("first") String first, @QueryParam("max") String max) {
        auth.users().requireView();
        Paging page = Paging.of(first, max, 100, MAX_PAGE);
        int from = page.first();
        int size = page.max();
        EntityManager em = OdooWorker.em(session);
        List<Map<String, Object>> items = OdooQueries.dead(em, realm.getId(), from, size).stream().map(row -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", row.getId());
            item.put("userId", row.getUserId());
            item.put("change", row.getChangeKind());
            item.put("attempts", row.getAttempts());
            item.put("reason", row.getLastError());
            item.put("createdAt", Instant.ofEpochMilli(row.getCreatedAt()).toString());
            return item;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", OdooQueries.counts(em, realm.getId()).get("dead"));
        body.put("first", from);
        body.put("max", size);
        body.put("items", items);
        return body;
    }

    @POST
    @Path("retry")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> retry(@QueryParam("id") String id) {
        auth.users().requireManage();
        EntityManager em = OdooWorker.em(session);
        long now = Clock.millis();
        int retried = 0;
        if (id != null) {
            OutboxEntity row = em.find(OutboxEntity.class, id);
            if (row == null || !row.getRealmId().equals(realm.getId())) {
                throw ApiError.notFound("no outbox row with this id in this realm");
            }
            row.retry(now);
            retried = 1;
        } else {
            for (OutboxEntity row : OdooQueries.retryable(em, realm.getId())) {
                row.retry(now);
                retried++;
            }
        }
        adminEvent.operation(OperationType.ACTION).resourcePath("account-lifecycle", "odoo", "retry").success();
        return Map.of("retried", retried);
    }

    @POST
    @Path("resync/users/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response resyncUser(@PathParam("userId") String userId) {
        // Permission before the lookup, so a caller who may not manage users learns nothing, not even whether the
        // id exists. With fine-grained admin permissions a grant can cover single users, which needs the user
        // first; there an unknown id answers 403 unless the caller may manage all users, so 404 tells no one more.
        if (!realm.isAdminPermissionsEnabled()) {
            auth.users().requireManage();
        }
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            auth.users().requireManage();
            throw ApiError.notFound("no user with this id");
        }
        auth.users().requireManage(user);
        requireEnabled();
        OdooOutbox.enqueue(session, realm.getId(), userId, ChangeKind.RESYNC);
        return Response.accepted(Map.of("userId", userId, "queued", true)).build();
    }

    @POST
    @Path("resync")
    @Produces(MediaType.APPLICATION_JSON)
    public Response resyncRealm() {
        auth.users().requireManage();
        requireEnabled();
        EntityManager em = OdooWorker.em(session);
        SyncStateEntity state = em.find(SyncStateEntity.class, realm.getId(), LockModeType.PESSIMISTIC_WRITE);
        if (state == null) {
            state = new SyncStateEntity(realm.getId());
            em.persist(state);
        } else if (state.getResyncStatus() == ResyncStatus.RUNNING) {
            throw ApiError.conflict(null, "resync_running", "a re-sync of this realm is running; see GET resync");
        }
        OdooResync.start(state, session.users().getUsersCount(realm));
        adminEvent.operation(OperationType.ACTION).resourcePath("account-lifecycle", "odoo", "resync").success();
        return Response.accepted(resyncView(state)).build();
    }

    @GET
    @Path("resync")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> resyncStatus() {
        auth.users().requireView();
        return resyncView(OdooWorker.em(session).find(SyncStateEntity.class, realm.getId()));
    }

    private static Map<String, Object> resyncView(SyncStateEntity state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", (state == null ? ResyncStatus.NONE : state.getResyncStatus()).wire());
        body.put("total", state == null ? 0 : state.getResyncTotal());
        body.put("done", state == null ? 0 : state.getResyncDone());
        body.put("startedAt", state == null || state.getResyncStartedAt() == null ? null
                : Instant.ofEpochMilli(state.getResyncStartedAt()).toString());
        return body;
    }

    /** The operator's list of Odoo hosts, from the factory that owns the server-wide Odoo options. */
    private HostPolicy allowedHosts() {
        return session.getKeycloakSessionFactory().getProviderFactoriesStream(EventListenerProvider.class)
                .filter(OdooServerOptions.class::isInstance)
                .map(f -> ((OdooServerOptions) f).odooAllowedHosts())
                .findFirst().orElse(HostPolicy.NONE);
    }

    private void requireEnabled() {
        if (!OdooSettings.enabled(realm)) {
            throw ApiError.conflict("enabled", "sync_disabled", "the Odoo sync of this realm is not enabled; PUT config first");
        }
    }
}
