package nl.accountlifecycle.targets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.EntityManager;
import nl.accountlifecycle.support.KeycloakTables;

/**
 * One claimed batch of a SCIM target. A user's rows become one request, with the user's state now: a PUT to the
 * resource the target gave the user ({@code AL_TARGET_LINK}), or a POST when there is none yet (or the target lost
 * it); a deleted user is set {@code active: false} (PATCH, or GET and PUT where the target has no PATCH) or deleted,
 * as the target's {@code deleteMode} says. A POST the target refuses with 409 looks for a resource whose
 * {@code externalId} is this user's id (one the bundle made before it could store the link) and links only that one:
 * a resource of another user with the same userName is never taken over; that row becomes a dead letter.
 */
final class ScimBatch implements TargetBatch {

    private final ScimClient client;
    private final ScimClient.Target target;
    private final int concurrency;
    private final int maxAttempts;
    private final String realmId;
    private final Map<String, List<DeliveryEntity>> byUser;
    private final Map<String, KeycloakTables.UserRow> users;
    private final Map<String, String> links;
    /** What the sending learnt: user id to the target's resource id, or to null when the link is gone. */
    private final Map<String, String> learnt = new ConcurrentHashMap<>();

    ScimBatch(ScimClient client, ScimClient.Target target, int concurrency, int maxAttempts, String realmId,
              List<DeliveryEntity> rows, Map<String, KeycloakTables.UserRow> users, Map<String, String> links) {
        this.client = client;
        this.target = target;
        this.concurrency = concurrency;
        this.maxAttempts = maxAttempts;
        this.realmId = realmId;
        this.byUser = new LinkedHashMap<>();
        rows.forEach(row -> byUser.computeIfAbsent(row.getUserId(), id -> new ArrayList<>()).add(row));
        this.users = users;
        this.links = links;
    }

    @Override
    public String problem() {
        return null;
    }

    @Override
    public boolean release() {
        return false;
    }

    @Override
    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public void send(Map<String, Outcome> outcomes) {
        ScimClient.Features features = client.features(target).join();
        TargetBatches.sideBySide(concurrency, byUser.entrySet(), user -> deliver(user.getKey(), features).handle((outcome, error) -> {
            Outcome result = error != null ? Outcome.failed("the request to " + ScimClient.WHO + " failed: "
                    + error.getClass().getSimpleName()) : outcome;
            user.getValue().forEach(row -> outcomes.put(row.getId(), result));
            return result;
        }));
    }

    private CompletableFuture<Outcome> deliver(String userId, ScimClient.Features features) {
        KeycloakTables.UserRow user = users.get(userId);
        String remote = links.get(userId);
        if (user == null) {
            return remote == null ? CompletableFuture.completedFuture(Outcome.DELIVERED) : gone(userId, remote, features);
        }
        if (remote == null) {
            return create(user, features);
        }
        return client.call(target, "PUT", "/Users/" + path(remote), ScimUser.resource(user, remote, features.enterprise()))
                .thenCompose(reply -> {
                    if (reply.status() == 404) { // deleted in the target: made again
                        learnt.put(userId, "");
                        return create(user, features);
                    }
                    return CompletableFuture.completedFuture(reply.ok() ? Outcome.DELIVERED : refused(reply));
                });
    }

    private CompletableFuture<Outcome> create(KeycloakTables.UserRow user, ScimClient.Features features) {
        return client.call(target, "POST", "/Users", ScimUser.resource(user, null, features.enterprise())).thenCompose(reply -> {
            if (reply.ok() && reply.body().hasNonNull("id")) {
                learnt.put(user.id(), reply.body().get("id").asText());
                return CompletableFuture.completedFuture(Outcome.DELIVERED);
            }
            if (reply.fault() == null && reply.status() == 409) {
                return adopt(user, features);
            }
            return CompletableFuture.completedFuture(refused(reply));
        });
    }

    /** After a 409: the resource this bundle made for the user earlier (its externalId), or a dead letter. */
    private CompletableFuture<Outcome> adopt(KeycloakTables.UserRow user, ScimClient.Features features) {
        String filter = "externalId eq \"" + user.id() + "\"";
        return client.call(target, "GET", "/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8), null)
                .thenCompose(found -> {
                    JsonNode resources = found.ok() ? found.body().path("Resources") : null;
                    if (resources == null || resources.size() != 1 || !user.id().equals(resources.get(0).path("externalId").asText())) {
                        return CompletableFuture.completedFuture(Outcome.permanent(ScimClient.WHO + " has another user with this"
                                + " userName (HTTP 409); it was not linked"));
                    }
                    String remote = resources.get(0).path("id").asText();
                    learnt.put(user.id(), remote);
                    return client.call(target, "PUT", "/Users/" + path(remote), ScimUser.resource(user, remote, features.enterprise()))
                            .thenApply(reply -> reply.ok() ? Outcome.DELIVERED : refused(reply));
                });
    }

    /** A user deleted in Keycloak: deactivated or deleted in the target; a resource already gone counts as done. */
    private CompletableFuture<Outcome> gone(String userId, String remote, ScimClient.Features features) {
        CompletableFuture<ScimClient.Reply> call;
        if (target.settings().deletes()) {
            call = client.call(target, "DELETE", "/Users/" + path(remote), null);
        } else if (features.patch()) {
            call = client.call(target, "PATCH", "/Users/" + path(remote), ScimUser.deactivate());
        } else {
            call = client.call(target, "GET", "/Users/" + path(remote), null).thenCompose(current -> {
                if (!current.ok()) {
                    return CompletableFuture.completedFuture(current);
                }
                ((com.fasterxml.jackson.databind.node.ObjectNode) current.body()).put("active", false);
                return client.call(target, "PUT", "/Users/" + path(remote), current.body());
            });
        }
        return call.thenApply(reply -> {
            if (reply.ok() || reply.fault() == null && reply.status() == 404) {
                if (target.settings().deletes() || reply.status() == 404) {
                    learnt.put(userId, "");
                }
                return Outcome.DELIVERED;
            }
            return refused(reply);
        });
    }

    /** A 400 is the target refusing the data: a retry would meet it again. */
    private static Outcome refused(ScimClient.Reply reply) {
        if (reply.fault() == null && reply.status() == 400) {
            return Outcome.permanent(ScimClient.WHO + " refused the user's data (HTTP 400)");
        }
        return reply.failure();
    }

    private static String path(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void learnt(EntityManager em) {
        learnt.forEach((userId, remote) -> {
            TargetLinkEntity link = em.find(TargetLinkEntity.class, TargetLinkEntity.id(target.id(), userId));
            if (remote.isEmpty()) {
                if (link != null) {
                    em.remove(link);
                }
            } else if (link == null) {
                em.persist(new TargetLinkEntity(target.id(), realmId, userId, remote));
            } else {
                link.remoteId(remote);
            }
        });
    }
}
