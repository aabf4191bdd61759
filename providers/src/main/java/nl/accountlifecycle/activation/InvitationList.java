package nl.accountlifecycle.activation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.activation.ActivationState.Status;
import nl.accountlifecycle.admin.Paging;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * The body of {@code GET invitations}: the counts by status, the total of the chosen status and one page ordered by
 * username. For a caller who may view every user it reads two counts and one page of rows ({@link InvitationQueries});
 * for a caller who may view only some users every invited user is checked with Keycloak's per-user rule, as
 * Keycloak's own user list does, so that answer costs time in proportion to the invited users.
 */
final class InvitationList {

    static final List<String> ATTRIBUTES = List.of("infix", ActivationState.STATUS, ActivationState.SENT_AT,
            ActivationState.EXPIRES_AT, ActivationState.ACTIVATED_AT, ActivationState.LAST_ERROR);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final InvitationQueries queries;

    InvitationList(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.queries = new InvitationQueries(session);
    }

    /** The caller's permission to query users was checked before. */
    Map<String, Object> page(Status wanted, Paging page, Instant now) {
        return auth.users().canView() ? everyUser(wanted, page, now) : viewableUsers(wanted, page, now);
    }

    private Map<String, Object> everyUser(Status wanted, Paging page, Instant now) {
        InvitationQueries.Counts counts = queries.counts(realm.getId(), now);
        long total = wanted == null ? counts.pending() + counts.expired() + counts.activated() : counts.of(wanted);
        List<InvitationQueries.Row> rows = page.first() >= total ? List.of()
                : queries.page(realm.getId(), wanted, now, page.first(), page.max());
        Map<String, Map<String, String>> attributes =
                queries.attributes(rows.stream().map(InvitationQueries.Row::id).toList(), ATTRIBUTES);
        List<Map<String, Object>> items = rows.stream()
                .map(r -> ActivationView.of(r.id(), r.username(), r.email(), r.firstName(), r.lastName(), r.enabled(),
                        attributes.getOrDefault(r.id(), Map.of())::get, now))
                .toList();
        return body(counts, total, page, items);
    }

    private Map<String, Object> viewableUsers(Status wanted, Paging page, Instant now) {
        long[] byStatus = new long[Status.values().length];
        long index = 0;
        List<Map<String, Object>> items = new ArrayList<>();
        for (String id : queries.ids(realm.getId(), null, now)) {
            UserModel user = session.users().getUserById(realm, id);
            if (user == null || !auth.users().canView(user)) {
                continue;
            }
            Status status = ActivationState.status(user, now);
            byStatus[status.ordinal()]++;
            if (wanted == null || wanted == status) {
                if (index >= page.first() && items.size() < page.max()) {
                    items.add(ActivationView.of(user, now));
                }
                index++;
            }
        }
        InvitationQueries.Counts counts = new InvitationQueries.Counts(byStatus[Status.PENDING.ordinal()],
                byStatus[Status.EXPIRED.ordinal()], byStatus[Status.ACTIVATED.ordinal()]);
        return body(counts, index, page, items);
    }

    private static Map<String, Object> body(InvitationQueries.Counts counts, long total, Paging page,
                                            List<Map<String, Object>> items) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        byStatus.put(Status.PENDING.wire(), counts.pending());
        byStatus.put(Status.EXPIRED.wire(), counts.expired());
        byStatus.put(Status.ACTIVATED.wire(), counts.activated());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("counts", byStatus);
        body.put("total", total);
        body.put("first", page.first());
        body.put("max", page.max());
        body.put("items", items);
        return body;
    }
}
