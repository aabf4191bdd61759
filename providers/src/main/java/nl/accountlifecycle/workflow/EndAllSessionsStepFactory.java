package nl.accountlifecycle.workflow;

import nl.accountlifecycle.support.Sessions;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowExecutionContext;
import org.keycloak.models.workflow.WorkflowStepProvider;

/**
 * Ends every session of the user as deactivation does ({@link Sessions#endAll}): offline sessions at once, online
 * sessions with back-channel logout to the clients once the step's transaction has committed.
 */
public final class EndAllSessionsStepFactory extends StepFactory<EndAllSessionsStepFactory.Step> {

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
    public Step create(KeycloakSession session, ComponentModel model) {
        return new Step(session);
    }

    public static final class Step implements WorkflowStepProvider {

        private final KeycloakSession session;

        Step(KeycloakSession session) {
            this.session = session;
        }

        @Override
        public void run(WorkflowExecutionContext context) {
            RealmModel realm = session.getContext().getRealm();
            UserModel user = session.users().getUserById(realm, context.getResourceId());
            if (user != null) {
                Sessions.endAll(session, realm, user);
            }
        }

        @Override
        public void close() {
        }
    }
}
