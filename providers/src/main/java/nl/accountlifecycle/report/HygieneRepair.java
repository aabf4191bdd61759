package nl.accountlifecycle.report;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import nl.accountlifecycle.admin.ApiError;
import nl.accountlifecycle.admin.UserAccess;
import nl.accountlifecycle.deactivation.Deactivation;
import nl.accountlifecycle.odoo.OdooOutbox;
import nl.accountlifecycle.report.HygieneKind.Repair;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.ModelToRepresentation;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * The one-click repairs of {@code POST reports/hygiene/repair} with {@code {"userId": ..., "action": ...}}:
 * <ul>
 *   <li>{@code resync}: the user's failed Odoo deliveries become due again and the user is queued (202);</li>
 *   <li>{@code disable}: the user is disabled and every session ended, as the bundle's deactivation does; the
 *   admin event {@code UPDATE users/{id}} then tells the listeners (Odoo hears of it through the outbox).</li>
 * </ul>
 * The caller's {@code manage-users} was checked before.
 */
final class HygieneRepair {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    HygieneRepair(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    Response apply(Map<String, Object> body) {
        if (!(body.get("userId") instanceof String userId) || userId.isBlank()) {
            throw ApiError.badRequest("userId", "missing_field", "userId is required");
        }
        Repair action = body.get("action") instanceof String a ? Repair.parse(a) : null;
        if (action == null) {
            throw ApiError.badRequest("action", "invalid_field", "action must be resync or disable");
        }
        for (String field : body.keySet()) {
            if (!field.equals("userId") && !field.equals("action")) {
                throw ApiError.badRequest(field, "unknown_field", field + " is not a field of a repair");
            }
        }
        UserModel user = UserAccess.manageable(session, realm, auth, userId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("userId", user.getId());
        answer.put("action", action.wire());
        if (action == Repair.RESYNC) {
            if (!OdooOutbox.resync(session, realm, user.getId())) {
                throw ApiError.conflict("action", "target_disabled", "the realm's Odoo sync is off; there is nothing to re-sync");
            }
            adminEvent.resource(ResourceType.USER).operation(OperationType.ACTION)
                    .resourcePath("users", user.getId(), "account-lifecycle", "resync").success();
            answer.put("queued", true);
            return Response.accepted(answer).build();
        }
        int sessions = Deactivation.disable(session, realm, user);
        adminEvent.resource(ResourceType.USER).operation(OperationType.UPDATE).resourcePath("users", user.getId())
                .representation(ModelToRepresentation.toBriefRepresentation(user)).success();
        answer.put("enabled", false);
        answer.put("sessionsEnded", sessions);
        return Response.ok(answer).build();
    }
}
