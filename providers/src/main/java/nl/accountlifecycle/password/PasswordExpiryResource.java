package nl.accountlifecycle.password;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.accountlifecycle.activation.ActivationState;
import nl.accountlifecycle.admin.ApiError;
import nl.accountlifecycle.admin.Paging;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.KeycloakTables;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/account-lifecycle/password-expiry}: users whose password expires soon. */
public final class PasswordExpiryResource {

    static final int MAX_PAGE = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public PasswordExpiryResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> expiring(@QueryParam("withinDays") String withinDaysParam,
                                        @QueryParam("first") String first,
                                        @QueryParam("max") String max) {
        // names, addresses and password dates of many users at once: like the stats, only for who may view every user
        auth.users().requireView();
        int policyDays = PasswordExpiry.policyDays(realm);
        if (policyDays <= 0) {
            throw ApiError.of(Response.Status.CONFLICT, "no_password_expiry", null,
                    "the realm's password policy has no forceExpiredPasswordChange, so passwords do not expire");
        }
        int withinDays = ApiError.intParam(withinDaysParam, "withinDays", 0);
        if (withinDays < 1 || withinDays > policyDays) {
            throw ApiError.badRequest("withinDays", "invalid_field", "withinDays must be between 1 and " + policyDays);
        }
        Paging page = Paging.of(first, max, 100, MAX_PAGE);
        int from = page.first();
        int size = page.max();
        Instant now = Clock.now();
        KeycloakTables query = new KeycloakTables(session);
        List<Map<String, Object>> items = query.expiringWithin(realm.getId(), policyDays, Duration.ofDays(withinDays), now, from, size)
                .stream()
                .map(due -> {
                    UserModel user = session.users().getUserById(realm, due.userId());
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("userId", due.userId());
                    item.put("username", user == null ? null : user.getUsername());
                    item.put("email", user == null ? null : user.getEmail());
                    item.put("passwordChangedAt", ActivationState.iso(due.passwordCreated()));
                    item.put("expiresAt", ActivationState.iso(due.expiresAt()));
                    return item;
                })
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("withinDays", withinDays);
        body.put("total", query.countExpiringWithin(realm.getId(), policyDays, Duration.ofDays(withinDays), now));
        body.put("first", from);
        body.put("max", size);
        body.put("items", items);
        return body;
    }
}
