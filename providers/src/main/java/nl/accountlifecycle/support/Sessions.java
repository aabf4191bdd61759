package nl.accountlifecycle.support;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/** Ending every session of a user: on deactivation and when an email change must lock out old sessions. */
public final class Sessions {

    private static final Logger LOG = Logger.getLogger(Sessions.class);

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
                // a workflow step has no request: the logout tokens then name the realm's link base as issuer
                boolean request = BackgroundUri.hasRequest(s);
                for (String id : online) {
                    UserSessionModel userSession = s.sessions().getUserSession(r, id);
                    if (userSession == null) {
                        continue;
                    }
                    if (request) {
                        AuthenticationManager.backchannelLogout(s, r, userSession, s.getContext().getUri(),
                                s.getContext().getConnection(), s.getContext().getRequestHeaders(), false);
                    } else {
                        endWithoutRequest(s, r, userSession);
                    }
                }
            });
        }
        return online.size() + offline.size();
    }

    private static void endWithoutRequest(KeycloakSession s, RealmModel realm, UserSessionModel userSession) {
        try {
            AuthenticationManager.backchannelLogout(s, realm, userSession, BackgroundUri.of(s, realm),
                    s.getContext().getConnection(), null, false);
        } catch (RuntimeException e) {
            // no link base, or no connection to report: the session still ends, the clients are not told
            LOG.warnf("back-channel logout of session %s in realm %s without a request failed (%s); removing the session",
                    userSession.getId(), realm.getName(), e.toString());
            if (s.sessions().getUserSession(realm, userSession.getId()) != null) {
                s.sessions().removeUserSession(realm, userSession);
            }
        }
    }
}
