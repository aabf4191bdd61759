package nl.accountlifecycle.workflow;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowExecutionContext;
import org.keycloak.models.workflow.WorkflowStepProvider;

/** A step of one of the bundle's kinds, with its configuration; a user deleted in the meantime is skipped. */
final class UserStep implements WorkflowStepProvider {

    private static final Logger LOG = Logger.getLogger(UserStep.class);
    private final KeycloakSession session;
    private final StepConfig config;
    private final StepFactory kind;

    UserStep(KeycloakSession session, StepConfig config, StepFactory kind) {
        this.session = session;
        this.config = config;
        this.kind = kind;
    }

    @Override
    public void run(WorkflowExecutionContext context) {
        RealmModel realm = session.getContext().getRealm();
        UserModel user = session.users().getUserById(realm, context.getResourceId());
        if (user == null) {
            LOG.debugf("%s: user %s is gone; nothing to do", kind.getId(), context.getResourceId());
            return;
        }
        kind.run(session, realm, user, config);
    }

    @Override
    public void close() {
    }
}
