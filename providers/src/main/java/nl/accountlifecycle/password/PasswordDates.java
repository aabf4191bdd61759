package nl.accountlifecycle.password;

import java.util.Map;
import java.util.Set;

import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Copies the password's change and expiry dates into read-only user attributes whenever the password
 * changes, so that admins see them in the console's user details (the unmanaged-attribute admin view).
 */
public final class PasswordDates {

    public static final String CHANGED_AT = "accountLifecycle.password.changedAt";
    public static final String EXPIRES_AT = "accountLifecycle.password.expiresAt";
    static final Set<EventType> USER_CHANGES = Set.of(EventType.UPDATE_PASSWORD, EventType.UPDATE_CREDENTIAL,
            EventType.CUSTOM_REQUIRED_ACTION, EventType.RESET_PASSWORD);

    private PasswordDates() {
    }

    public static void onEvent(KeycloakSession session, Event event) {
        if (event.getType() != null && USER_CHANGES.contains(event.getType()) && event.getUserId() != null) {
            refresh(session, event.getRealmId(), event.getUserId());
        }
    }

    public static void onAdminEvent(KeycloakSession session, AdminEvent event) {
        if (event.getResourceType() == ResourceType.USER && event.getOperationType() == OperationType.ACTION
                && event.getResourcePath() != null && event.getResourcePath().endsWith("/reset-password")) {
            String[] path = event.getResourcePath().split("/");
            if (path.length == 3) {
                refresh(session, event.getRealmId(), path[1]);
            }
        }
    }

    static void refresh(KeycloakSession session, String realmId, String userId) {
        RealmModel realm = session.realms().getRealm(realmId);
        UserModel user = realm == null ? null : session.users().getUserById(realm, userId);
        if (user == null) {
            return;
        }
        Map<String, Object> status = PasswordStatus.of(realm, user).view();
        set(user, CHANGED_AT, (String) status.get("lastChanged"));
        set(user, EXPIRES_AT, (String) status.get("expiresAt"));
    }

    private static void set(UserModel user, String name, String value) {
        if (value == null) {
            user.removeAttribute(name);
        } else {
            user.setSingleAttribute(name, value);
        }
    }
}
