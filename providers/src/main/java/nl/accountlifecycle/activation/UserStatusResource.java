package nl.accountlifecycle.activation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.accountlifecycle.admin.ApiError;
import nl.accountlifecycle.emailchange.EmailChangeResource;
import nl.accountlifecycle.password.PasswordExpiryResource;
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

    static final int MIN_SEARCH = 6;
    static final int MAX_RESULTS = 100;

    /**
     * The helpdesk's search: users whose email contains {@code email}, with minimal fields. At least
     * {@value #MIN_SEARCH} characters, so that it cannot be used to walk through the user list.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> search(@QueryParam("email") String email,
                                            @QueryParam("first") Integer first,
                                            @QueryParam("max") Integer max) {
        auth.users().requireQuery();
        String query = email == null ? "" : email.strip();
        if (query.length() < MIN_SEARCH) {
            throw ApiError.badRequest("email", "search_too_short",
                    "give at least " + MIN_SEARCH + " characters of the email address");
        }
        int from = first == null ? 0 : first;
        int size = max == null ? 20 : max;
        if (from < 0 || size < 1 || size > MAX_RESULTS) {
            throw ApiError.badRequest(from < 0 ? "first" : "max", "invalid_field",
                    "first must be 0 or more and max between 1 and " + MAX_RESULTS);
        }
        Instant now = Instant.now();
        return session.users().searchForUserStream(realm, Map.of(UserModel.EMAIL, query), from, size)
                .map(user -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("id", user.getId());
                    item.put("firstName", user.getFirstName());
                    item.put("infix", user.getFirstAttribute("infix"));
                    item.put("lastName", user.getLastName());
                    item.put("email", user.getEmail());
                    item.put("enabled", user.isEnabled());
                    item.put("activationStatus", ActivationState.status(user, now).wire());
                    return item;
                })
                .toList();
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
        body.put("password", PasswordExpiryResource.statusOf(realm, user));
        body.put("emailChange", EmailChangeResource.pendingOf(user, Instant.now()));
        return body;
    }
}
