package nl.accountlifecycle.deactivation;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Disabling a user in Keycloak leaves the user's sessions and offline tokens in place (upstream #37981).
 * When an admin saves a user who is disabled, this ends every session of that user: online sessions through
 * Keycloak's backchannel logout (so clients with a logout URL hear of it), offline sessions by removal,
 * which makes their offline tokens useless.
 */
public final class Deactivation {

    private static final Logger LOG = Logger.getLogger(Deactivation.class);

    private Deactivation() {
    }

    public static void onAdminEvent(KeycloakSession session, AdminEvent event) {
        if (event.getResourceType() != ResourceType.USER || event.getOperationType() != OperationType.UPDATE
                || event.getResourcePath() == null) {
            return;
        }
        String[] path = event.getResourcePath().split("/");
        if (path.length != 2 || !"users".equals(path[0])) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, path[1]);
        if (user != null && !user.isEnabled()) {
            endAllSessions(session, realm, user);
        }
    }

    /** Ends the user's online and offline sessions; returns how many there were. */
    public static int endAllSessions(KeycloakSession session, RealmModel realm, UserModel user) {
        List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, user).toList();
        for (UserSessionModel userSession : online) {
            AuthenticationManager.backchannelLogout(session, realm, userSession, session.getContext().getUri(),
                    session.getContext().getConnection(), session.getContext().getRequestHeaders(), false);
        }
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        for (UserSessionModel userSession : offline) {
            session.sessions().removeOfflineUserSession(realm, userSession);
        }
        if (!online.isEmpty() || !offline.isEmpty()) {
            LOG.debugf("disabled user %s in realm %s: ended %d sessions and %d offline sessions",
                    user.getId(), realm.getName(), online.size(), offline.size());
        }
        return online.size() + offline.size();
    }
}
