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
import nl.accountlifecycle.admin.Paging;
import nl.accountlifecycle.admin.UserAccess;
import nl.accountlifecycle.emailchange.EmailChangeResource;
import nl.accountlifecycle.password.PasswordStatus;
import nl.accountlifecycle.support.Clock;
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
    /** The most users one search shows; there is no paging beyond, so the search cannot walk the user list. */
    static final int MAX_RESULTS = 20;
    /** Candidates read for a caller who may view only some users, before filtering down to {@value #MAX_RESULTS}. */
    static final int MAX_CANDIDATES = 100;

    /**
     * The helpdesk's search: users whose email contains {@code email}, with minimal fields. At least
     * {@value #MIN_SEARCH} characters and at most {@value #MAX_RESULTS} results with no further pages, so that it
     * cannot be used to walk through the user list. Like Keycloak's own user search it needs {@code query-users}
     * and shows only the users the caller may view.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> search(@QueryParam("email") String email,
                                            @QueryParam("first") String first,
                                            @QueryParam("max") String max) {
        auth.users().requireQuery();
        String query = email == null ? "" : email.strip();
        if (query.length() < MIN_SEARCH) {
            throw ApiError.badRequest("email", "search_too_short",
                    "give at least " + MIN_SEARCH + " characters of the email address");
        }
        if (query.length() > 254) {
            throw ApiError.badRequest("email", "too_long", "an email address has at most 254 characters");
        }
        Paging page = Paging.of(first, max, MAX_RESULTS, MAX_RESULTS);
        if (page.first() != 0) {
            throw ApiError.badRequest("first", "no_paging",
                    "the search shows the first " + MAX_RESULTS + " matches only; give more of the address");
        }
        int size = page.max();
        boolean viewAll = auth.users().canView();
        Instant now = Clock.now();
        return session.users().searchForUserStream(realm, Map.of(UserModel.EMAIL, query), 0, viewAll ? size : MAX_CANDIDATES)
                .filter(user -> viewAll || auth.users().canView(user))
                .limit(size)
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

    /** One user's lifecycle status: their details, so the caller needs view permission on that user, as in Keycloak. */
    @GET
    @Path("{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status(@PathParam("userId") String userId) {
        UserModel user = UserAccess.viewable(session, realm, auth, userId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activation", ActivationView.of(user, Clock.now()));
        body.put("password", PasswordStatus.of(realm, user).view());
        body.put("emailChange", EmailChangeResource.pendingOf(user, Clock.now()));
        return body;
    }
}
