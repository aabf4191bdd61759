package nl.accountlifecycle.workflow;

import nl.accountlifecycle.support.Sessions;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Ends every session of the user as deactivation does ({@link Sessions#endAll}): offline sessions at once, online
 * sessions with back-channel logout to the clients once the step's transaction has committed.
 */
public final class EndAllSessionsStepFactory extends StepFactory {

    public static final String PROVIDER_ID = "end-all-sessions";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Ends the user's online and offline sessions, with back-channel logout to clients";
    }

    @Override
    void run(KeycloakSession session, RealmModel realm, UserModel user, StepConfig config) {
        Sessions.endAll(session, realm, user);
    }
}
