package nl.accountlifecycle.password;

import java.util.Map;
import java.util.Set;

import nl.accountlifecycle.support.LifecycleEvent;
import nl.accountlifecycle.support.LifecycleEventHandler;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Copies the password's change and expiry dates into read-only user attributes whenever the password
 * changes, so that admins see them in the console's user details (the unmanaged-attribute admin view).
 */
public final class PasswordDates implements LifecycleEventHandler {

    public static final String CHANGED_AT = "accountLifecycle.password.changedAt";
    public static final String EXPIRES_AT = "accountLifecycle.password.expiresAt";
    static final Set<EventType> USER_CHANGES = Set.of(EventType.UPDATE_PASSWORD, EventType.UPDATE_CREDENTIAL,
            EventType.CUSTOM_REQUIRED_ACTION, EventType.RESET_PASSWORD);

    @Override
    public void handle(LifecycleEvent event) {
        boolean changed = event.isAdminEvent()
                ? event.onUser(ResourceType.USER, OperationType.ACTION, "reset-password")
                : event.type() != null && USER_CHANGES.contains(event.type());
        if (changed && event.user() != null) {
            refresh(event.realm(), event.user());
        }
    }

    static void refresh(RealmModel realm, UserModel user) {
        Map<String, Object> status = PasswordStatus.of(realm, user).view();
        set(user, CHANGED_AT, (String) status.get("lastChanged"));
        set(user, EXPIRES_AT, (String) status.get("expiresAt"));
    }

    /** Writes only a value that changed. */
    private static void set(UserModel user, String name, String value) {
        String stored = user.getFirstAttribute(name);
        if (value == null && stored != null) {
            user.removeAttribute(name);
        } else if (value != null && !value.equals(stored)) {
            user.setSingleAttribute(name, value);
        }
    }
}
