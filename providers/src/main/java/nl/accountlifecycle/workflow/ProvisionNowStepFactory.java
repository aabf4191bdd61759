package nl.accountlifecycle.workflow;

import nl.accountlifecycle.odoo.ChangeKind;
import nl.accountlifecycle.odoo.OdooOutbox;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.workflow.WorkflowExecutionContext;
import org.keycloak.models.workflow.WorkflowStepProvider;

/**
 * Queues the user for the provisioning outbox now, in the step's transaction, as a profile change would; the
 * outbox worker delivers it. Nothing is queued where the realm has no provisioning target enabled.
 */
public final class ProvisionNowStepFactory extends StepFactory<ProvisionNowStepFactory.Step> {

    public static final String PROVIDER_ID = "provision-now";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Queues the user for the provisioning targets (the Odoo outbox)";
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
            if (session.users().getUserById(realm, context.getResourceId()) != null) {
                OdooOutbox.enqueue(session, realm.getId(), context.getResourceId(), ChangeKind.WORKFLOW);
            }
        }

        @Override
        public void close() {
        }
    }
}
