package nl.accountlifecycle.workflow;

import nl.accountlifecycle.odoo.ChangeKind;
import nl.accountlifecycle.odoo.OdooOutbox;
import nl.accountlifecycle.targets.TargetOutbox;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Queues the user for the provisioning outbox now, in the step's transaction, as a profile change would; the
 * outbox worker delivers it. Nothing is queued where the realm has no provisioning target enabled.
 */
public final class ProvisionNowStepFactory extends StepFactory {

    public static final String PROVIDER_ID = "provision-now";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Queues the user for the provisioning targets (Odoo and the realm's webhook targets)";
    }

    @Override
    void run(KeycloakSession session, RealmModel realm, UserModel user, StepConfig config) {
        OdooOutbox.enqueue(session, realm.getId(), user.getId(), ChangeKind.WORKFLOW);
        TargetOutbox.enqueue(session, realm.getId(), user.getId(), ChangeKind.WORKFLOW);
    }
}
