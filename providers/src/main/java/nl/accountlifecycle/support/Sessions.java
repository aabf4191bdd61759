package nl.accountlifecycle.support;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/** Ending every session of a user: on deactivation and when an email change must lock out old sessions. */
public final class Sessions {

    private Sessions() {
    }

    /**
     * Ends the user's online sessions through Keycloak's backchannel logout (so clients with a logout URL hear
     * of it) and removes the offline sessions, which makes their offline tokens useless. Returns how many
     * sessions there were.
     */
    public static int endAll(KeycloakSession session, RealmModel realm, UserModel user) {
        List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, user).toList();
        for (UserSessionModel userSession : online) {
            AuthenticationManager.backchannelLogout(session, realm, userSession, session.getContext().getUri(),
                    session.getContext().getConnection(), session.getContext().getRequestHeaders(), false);
        }
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        for (UserSessionModel userSession : offline) {
            session.sessions().removeOfflineUserSession(realm, userSession);
        }
        return online.size() + offline.size();
    }
}
