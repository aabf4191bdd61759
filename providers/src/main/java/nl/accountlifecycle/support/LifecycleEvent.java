package nl.accountlifecycle.support;

import java.util.Map;

import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A user or admin event, parsed once by the bundle's listener for every handler: the realm, the user it is about,
 * and for an admin event the operation and the path under {@code users/{id}}. The realm and the user are looked up
 * on first use and then kept, so handlers that need neither cost nothing and handlers that need them share one read.
 */
public final class LifecycleEvent {

    private final KeycloakSession session;
    private final String realmId;
    private final String userId;
    private final EventType type;
    private final Map<String, String> details;
    private final ResourceType resourceType;
    private final OperationType operation;
    /** What follows {@code users/{id}} in an admin event's path: "" for the user itself, e.g. "reset-password". */
    private final String userSubPath;
    private RealmModel realm;
    private UserModel user;
    private boolean realmRead;
    private boolean userRead;

    private LifecycleEvent(KeycloakSession session, String realmId, String userId, EventType type, Map<String, String> details,
                           ResourceType resourceType, OperationType operation, String userSubPath) {
        this.session = session;
        this.realmId = realmId;
        this.userId = userId;
        this.type = type;
        this.details = details == null ? Map.of() : details;
        this.resourceType = resourceType;
        this.operation = operation;
        this.userSubPath = userSubPath;
    }

    public static LifecycleEvent of(KeycloakSession session, Event event) {
        return new LifecycleEvent(session, event.getRealmId(), event.getUserId(), event.getType(), event.getDetails(),
                null, null, null);
    }

    /**
     * An admin event; the user is the {@code {id}} of a path {@code users/{id}[/...]}, else none. Keycloak's SCIM API
     * (26.7, feature {@code scim-api}) reports its user writes on {@code scim/v2/Users/{id}}: the same user, so a user
     * created, deactivated or deleted over SCIM is handled as one created, updated or deleted in the console.
     */
    public static LifecycleEvent of(KeycloakSession session, AdminEvent event) {
        String resourcePath = event.getResourcePath() == null ? "" : event.getResourcePath();
        if (event.getResourceType() == ResourceType.USER && resourcePath.startsWith(SCIM_USERS)
                && resourcePath.length() > SCIM_USERS.length() && resourcePath.indexOf('/', SCIM_USERS.length()) < 0) {
            return new LifecycleEvent(session, event.getRealmId(), resourcePath.substring(SCIM_USERS.length()), null, Map.of(),
                    event.getResourceType(), event.getOperationType(), "");
        }
        String[] path = resourcePath.isEmpty() ? new String[0] : resourcePath.split("/", 3);
        boolean onUser = path.length >= 2 && "users".equals(path[0]) && !path[1].isEmpty();
        return new LifecycleEvent(session, event.getRealmId(), onUser ? path[1] : null, null, Map.of(),
                event.getResourceType(), event.getOperationType(), onUser ? (path.length == 3 ? path[2] : "") : null);
    }

    /** Where Keycloak's SCIM API reports a user's writes: {@code scim/v2/Users/{id}}. */
    static final String SCIM_USERS = "scim/v2/Users/";

    public KeycloakSession session() {
        return session;
    }

    public boolean isAdminEvent() {
        return operation != null;
    }

    /** The user event's type, or null for an admin event. */
    public EventType type() {
        return type;
    }

    public String detail(String name) {
        return details.get(name);
    }

    public String realmId() {
        return realmId;
    }

    /** The id of the user the event is about, or null. */
    public String userId() {
        return userId;
    }

    /** An admin event of this kind on exactly {@code users/{id}}. */
    public boolean onUser(ResourceType resource, OperationType op) {
        return resourceType == resource && operation == op && "".equals(userSubPath);
    }

    /** An admin event of this kind on {@code users/{id}/<subPath>}. */
    public boolean onUser(ResourceType resource, OperationType op, String subPath) {
        return resourceType == resource && operation == op && subPath.equals(userSubPath);
    }

    /** An admin event of this kind anywhere under {@code users/{id}}. */
    public boolean underUser(ResourceType resource, OperationType op) {
        return resourceType == resource && operation == op && userSubPath != null;
    }

    public RealmModel realm() {
        if (!realmRead) {
            realmRead = true;
            realm = realmId == null ? null : session.realms().getRealm(realmId);
        }
        return realm;
    }

    /** The user, or null when the event names none or the user no longer exists. */
    public UserModel user() {
        if (!userRead) {
            userRead = true;
            user = userId == null || realm() == null ? null : session.users().getUserById(realm(), userId);
        }
        return user;
    }
}
