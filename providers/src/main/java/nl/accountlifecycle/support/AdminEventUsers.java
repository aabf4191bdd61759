package nl.accountlifecycle.support;

import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Finds the user an admin event is about, for events on exactly {@code users/{id}}. */
public final class AdminEventUsers {

    private AdminEventUsers() {
    }

    /** The user of a {@code users/{id}} event with this operation, or null (other paths, deleted users). */
    public static UserModel userOf(KeycloakSession session, AdminEvent event, OperationType operation) {
        if (event.getResourceType() != ResourceType.USER || event.getOperationType() != operation
                || event.getResourcePath() == null) {
            return null;
        }
        String[] path = event.getResourcePath().split("/");
        if (path.length != 2 || !"users".equals(path[0])) {
            return null;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        return realm == null ? null : session.users().getUserById(realm, path[1]);
    }
}
