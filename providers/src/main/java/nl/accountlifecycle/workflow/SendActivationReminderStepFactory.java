package nl.accountlifecycle.workflow;

import java.util.List;

import nl.accountlifecycle.activation.ActivationMailer;
import nl.accountlifecycle.activation.ActivationState;
import nl.accountlifecycle.activation.Invitation;
import nl.accountlifecycle.support.Clock;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowExecutionContext;
import org.keycloak.models.workflow.WorkflowStepProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Mails a user whose activation link is still pending that link again, with its own expiry: a reminder, not a new
 * link. Once per link: the link id reminded is kept in {@value #REMINDED}, so a daily or hourly policy, a second
 * node or a retried run never mails twice for one link.
 */
public final class SendActivationReminderStepFactory extends StepFactory<SendActivationReminderStepFactory.Step> {

    public static final String PROVIDER_ID = "send-activation-reminder";
    public static final String REMINDED = "accountLifecycle.activation.remindedLinkId";
    static final String SUBJECT = "subject";
    static final String MESSAGE = "message";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Mails a pending activation link again before it expires (once per link; the expiry is not extended)";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(SUBJECT).type(ProviderConfigProperty.STRING_TYPE).helpText("Subject line instead of the standard one").add()
                .property().name(MESSAGE).type(ProviderConfigProperty.TEXT_TYPE).helpText("A message shown in the mail, e.g. that the link expires soon").add()
                .build();
    }

    @Override
    public Step create(KeycloakSession session, ComponentModel model) {
        return new Step(session, new StepConfig(model));
    }

    public static final class Step implements WorkflowStepProvider {

        private static final Logger LOG = Logger.getLogger(Step.class);
        private final KeycloakSession session;
        private final StepConfig config;

        Step(KeycloakSession session, StepConfig config) {
            this.session = session;
            this.config = config;
        }

        @Override
        public void run(WorkflowExecutionContext context) {
            RealmModel realm = session.getContext().getRealm();
            UserModel user = session.users().getUserById(realm, context.getResourceId());
            if (user == null || !user.isEnabled() || user.getEmail() == null
                    || ActivationState.status(user, Clock.now()) != ActivationState.Status.PENDING) {
                LOG.debugf("%s: user %s has no pending link; nothing sent", PROVIDER_ID, context.getResourceId());
                return;
            }
            String linkId = ActivationState.linkId(user);
            if (linkId == null || linkId.equals(user.getFirstAttribute(REMINDED))) {
                return;
            }
            user.setSingleAttribute(REMINDED, linkId);
            new ActivationMailer(session, realm).remind(user, new Invitation(config.text(SUBJECT), config.text(MESSAGE),
                    0, Invitation.DEFAULT_CLIENT, null));
        }

        @Override
        public void close() {
        }
    }
}
