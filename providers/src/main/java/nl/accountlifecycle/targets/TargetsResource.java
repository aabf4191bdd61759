package nl.accountlifecycle.targets;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import nl.accountlifecycle.admin.JsonBody;
import nl.accountlifecycle.admin.Paging;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.HostPolicy;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/account-lifecycle/targets}: the realm's webhook targets, their queues, dead letters and
 * retry. Reading settings needs {@code view-realm}, changing them {@code manage-realm}; a queue's state needs
 * {@code view-users}, retry {@code manage-users}. Permission is checked before anything is read, and a target of
 * another realm is not found. The secret is shown once, when the server made it, and never again.
 */
public final class TargetsResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public TargetsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.REALM);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list() {
        auth.realm().requireViewRealm();
        return TargetQueries.inRealm(em(), realm.getId()).stream().map(TargetViews::target).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(java.io.InputStream in) {
        auth.realm().requireManageRealm();
        TargetValidation.Input input = JsonBody.read(in, TargetValidation.Input.class);
        String name = TargetValidation.name(input.name());
        String kind = TargetValidation.kind(input.kind());
        String url = TargetValidation.url(input.url(), hosts());
        int maxAttempts = TargetValidation.maxAttempts(input.maxAttempts());
        boolean scim = TargetValidation.SCIM.equals(kind);
        ScimSettings scimSettings = scim ? TargetValidation.scim(input, ScimSettings.DEFAULTS, hosts()) : null;
        if (scim && input.secret() == null) {
            throw ApiError.badRequest("secret", "invalid_field", "a SCIM target needs its secret: the bearer token or the client secret");
        }
        String secret = input.secret() == null ? WebhookMessage.newSecret() : TargetValidation.secret(kind, input.secret());
        requireFreeName(name, null);
        TargetEntity target = new TargetEntity(UUID.randomUUID().toString(), realm.getId(), kind, Clock.millis());
        target.settings(name, url, input.enabled() == null || input.enabled(), maxAttempts);
        target.kindSettings(scim ? scimSettings.json() : null);
        target.secret(secret);
        em().persist(target);
        adminEvent.operation(OperationType.CREATE).resourcePath("account-lifecycle", "targets", target.getId()).success();
        Map<String, Object> body = TargetViews.target(target);
        if (input.secret() == null) {
            body.put("secret", secret); // made here: shown this once, so the receiver can be given it
        }
        return Response.created(URI.create(target.getId())).entity(body).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get(@PathParam("id") String id) {
        auth.realm().requireViewRealm();
        return TargetViews.target(target(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("id") String id, java.io.InputStream in) {
        auth.realm().requireManageRealm();
        TargetEntity target = locked(id);
        TargetValidation.Input input = JsonBody.read(in, TargetValidation.Input.class);
        String name = input.name() == null ? target.getName() : TargetValidation.name(input.name());
        if (input.kind() != null && !TargetValidation.kind(input.kind()).equals(target.getKind())) {
            throw ApiError.badRequest("kind", "invalid_field", "the kind of a target cannot change; create another target");
        }
        String url = input.url() == null ? target.getUrl() : TargetValidation.url(input.url(), hosts());
        int maxAttempts = input.maxAttempts() == null ? target.getMaxAttempts() : TargetValidation.maxAttempts(input.maxAttempts());
        String secret = input.secret() == null ? null : TargetValidation.secret(target.getKind(), input.secret());
        boolean scim = TargetValidation.SCIM.equals(target.getKind());
        ScimSettings scimSettings = scim ? TargetValidation.scim(input, ScimSettings.parse(target.getSettings()), hosts()) : null;
        requireFreeName(name, target.getId());
        target.settings(name, url, input.enabled() == null ? target.isEnabled() : input.enabled(), maxAttempts);
        if (scim) {
            target.kindSettings(scimSettings.json());
        }
        if (secret != null) {
            target.secret(secret);
        }
        adminEvent.operation(OperationType.UPDATE).resourcePath("account-lifecycle", "targets", target.getId()).success();
        return TargetViews.target(target);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        auth.realm().requireManageRealm();
        TargetEntity target = locked(id);
        TargetQueries.deleteTarget(em(), target.getId());
        em().remove(target);
        adminEvent.operation(OperationType.DELETE).resourcePath("account-lifecycle", "targets", target.getId()).success();
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/status")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status(@PathParam("id") String id) {
        auth.users().requireView();
        TargetEntity target = target(id);
        return TargetViews.status(target, TargetQueries.counts(em(), target.getId()));
    }

    @GET
    @Path("{id}/dead-letters")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> deadLetters(@PathParam("id") String id, @QueryParam("first") String first, @QueryParam("max") String max) {
        auth.users().requireView();
        TargetEntity target = target(id);
        Paging page = Paging.of(first, max, 100, 500);
        List<Map<String, Object>> items = TargetQueries.dead(em(), target.getId(), page.first(), page.max()).stream().map(row -> {
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
        body.put("total", TargetQueries.counts(em(), target.getId()).get("dead"));
        body.put("first", page.first());
        body.put("max", page.max());
        body.put("items", items);
        return body;
    }

    @POST
    @Path("{id}/retry")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> retry(@PathParam("id") String id) {
        auth.users().requireManage();
        TargetEntity target = target(id);
        long now = Clock.millis();
        List<DeliveryEntity> rows = TargetQueries.retryable(em(), target.getId());
        rows.forEach(row -> row.retry(now));
        adminEvent.operation(OperationType.ACTION).resourcePath("account-lifecycle", "targets", target.getId(), "retry").success();
        return Map.of("retried", rows.size());
    }

    @POST
    @Path("{id}/resync")
    @Produces(MediaType.APPLICATION_JSON)
    public Response resync(@PathParam("id") String id) {
        auth.users().requireManage();
        TargetEntity target = locked(id);
        if (!target.isEnabled()) {
            throw ApiError.conflict("enabled", "target_disabled", "this target is disabled; enable it first");
        }
        if (TargetResync.RUNNING.equals(target.getResyncStatus())) {
            throw ApiError.conflict(null, "resync_running", "a re-sync of this target is running; see GET resync");
        }
        target.resyncStarted(session.users().getUsersCount(realm), Clock.millis());
        adminEvent.operation(OperationType.ACTION).resourcePath("account-lifecycle", "targets", target.getId(), "resync").success();
        return Response.accepted(TargetViews.resync(target)).build();
    }

    @GET
    @Path("{id}/resync")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> resyncStatus(@PathParam("id") String id) {
        auth.users().requireView();
        return TargetViews.resync(target(id));
    }

    /** The target with this id in this realm; a target of another realm is not found, as an unknown id. */
    private TargetEntity target(String id) {
        return target(id, jakarta.persistence.LockModeType.NONE);
    }

    /**
     * The target, locked until the request's transaction ends, for a change: a re-sync's page is queued under the same
     * lock, so a change here never writes an old cursor back.
     */
    private TargetEntity locked(String id) {
        return target(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    private TargetEntity target(String id, jakarta.persistence.LockModeType lock) {
        TargetEntity target = id == null ? null : em().find(TargetEntity.class, id, lock);
        if (target == null || !target.getRealmId().equals(realm.getId())) {
            throw ApiError.notFound("no target with this id in this realm");
        }
        return target;
    }

    private void requireFreeName(String name, String self) {
        if (TargetQueries.inRealm(em(), realm.getId()).stream()
                .anyMatch(t -> t.getName().equals(name) && !t.getId().equals(self))) {
            throw ApiError.conflict("name", "name_taken", "this realm has a target named " + name);
        }
    }

    private HostPolicy hosts() {
        return TargetServerOptions.hosts(session);
    }

    private EntityManager em() {
        return TargetOutbox.em(session);
    }
}
