package nl.accountlifecycle.deactivation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import nl.accountlifecycle.activation.ActivationState;
import nl.accountlifecycle.password.PasswordExpiry;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.KeycloakTables;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/account-lifecycle/stats}: account counts. Each number is one count query
 * through Keycloak's user store (enabled flag and attribute filters), never a walk over all users.
 * Service accounts are not counted.
 */
public final class StatsResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public StatsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    /**
     * Counts over every user of the realm, so the caller needs view permission on all users: Keycloak's own
     * {@code GET /users/count} counts only the users a {@code query-users}-only admin may view.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> stats() {
        auth.users().requireView();

        int enabled = count(Map.of(UserModel.ENABLED, "true"));
        int enabledAwaiting = count(Map.of(UserModel.ENABLED, "true", ActivationState.STATUS, ActivationState.Status.PENDING.wire()))
                + count(Map.of(UserModel.ENABLED, "true", ActivationState.STATUS, ActivationState.Status.EXPIRED.wire()));
        Map<String, Object> body = new LinkedHashMap<>();
        // active: enabled and not waiting for activation (users created with a password count as activated)
        body.put("active", enabled - enabledAwaiting);
        body.put("disabled", count(Map.of(UserModel.ENABLED, "false")));
        body.put("invitationsPending", count(Map.of(ActivationState.STATUS, ActivationState.Status.PENDING.wire())));
        body.put("invitationsExpired", count(Map.of(ActivationState.STATUS, ActivationState.Status.EXPIRED.wire())));
        int policyDays = PasswordExpiry.policyDays(realm);
        body.put("passwordsExpiringWithin14Days", policyDays <= 0 ? 0 : new KeycloakTables(session).countExpiringWithin(
                realm.getId(), policyDays, Duration.ofDays(Math.min(14, policyDays)), Clock.now()));
        return body;
    }

    private int count(Map<String, String> filter) {
        return session.users().getUsersCount(realm, filter);
    }
}
