package nl.accountlifecycle.admin;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Finds the user an admin endpoint acts on, with permission decided before existence is revealed.
 * <ul>
 *   <li>A caller who may view (or manage) every user of the realm learns whether the id exists: 404 otherwise.</li>
 *   <li>Any other caller gets Keycloak's own 403 both for an unknown id and for a user they may not view (or
 *   manage), so the answer never tells which ids exist.</li>
 * </ul>
 * The rules are Keycloak's own for the same data: {@code requireView(user)} for one user's details (as
 * {@code GET /users/{id}}), {@code requireManage(user)} for changes.
 */
public final class UserAccess {

    private UserAccess() {
    }

    /** The user, for reading their details; needs view permission on that user. */
    public static UserModel viewable(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                     String userId) {
        if (auth.users().canView()) {
            return existing(session, realm, userId);
        }
        UserModel user = find(session, realm, userId);
        if (user == null) {
            auth.users().requireView(); // not allowed on all users: the same 403 as for a user they may not see
        }
        auth.users().requireView(user);
        return user;
    }

    /** The user, for changing them; needs manage permission on that user. */
    public static UserModel manageable(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                       String userId) {
        if (auth.users().canManage()) {
            return existing(session, realm, userId);
        }
        UserModel user = find(session, realm, userId);
        if (user == null) {
            auth.users().requireManage();
        }
        auth.users().requireManage(user);
        return user;
    }

    private static UserModel existing(KeycloakSession session, RealmModel realm, String userId) {
        UserModel user = find(session, realm, userId);
        if (user == null) {
            throw ApiError.notFound("no user with this id");
        }
        return user;
    }

    private static UserModel find(KeycloakSession session, RealmModel realm, String userId) {
        return userId == null || userId.isBlank() || userId.length() > 255 ? null : session.users().getUserById(realm, userId);
    }
}
