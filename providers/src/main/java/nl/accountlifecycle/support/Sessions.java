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
     * Removes the offline sessions now, which makes their offline tokens useless, and ends the online sessions
     * through Keycloak's backchannel logout (so clients with a logout URL hear of it) once the caller's
     * transaction has committed: those calls go to clients over HTTP. Returns how many sessions there were.
     */
    public static int endAll(KeycloakSession session, RealmModel realm, UserModel user) {
        List<String> online = session.sessions().getUserSessionsStream(realm, user).map(UserSessionModel::getId).toList();
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        for (UserSessionModel userSession : offline) {
            session.sessions().removeOfflineUserSession(realm, userSession);
        }
        if (!online.isEmpty()) {
            String realmId = realm.getId();
            AfterCommit.run(session, "backchannel logout of user " + user.getId(), s -> {
                RealmModel r = s.realms().getRealm(realmId);
                s.getContext().setRealm(r);
                for (String id : online) {
                    UserSessionModel userSession = s.sessions().getUserSession(r, id);
                    if (userSession != null) {
                        AuthenticationManager.backchannelLogout(s, r, userSession, s.getContext().getUri(),
                                s.getContext().getConnection(), s.getContext().getRequestHeaders(), false);
                    }
                }
            });
        }
        return online.size() + offline.size();
    }
}
