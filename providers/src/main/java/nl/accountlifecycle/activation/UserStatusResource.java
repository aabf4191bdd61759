package nl.accountlifecycle.activation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import nl.accountlifecycle.admin.ApiError;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/account-lifecycle/users/{userId}}: one user's lifecycle status. */
public final class UserStatusResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public UserStatusResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Path("{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status(@PathParam("userId") String userId) {
        auth.users().requireQuery();
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            throw ApiError.notFound("no user with this id");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activation", ActivationView.of(user, Instant.now()));
        return body;
    }
}
