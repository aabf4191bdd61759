package nl.accountlifecycle.workflow;

import java.time.Duration;
import java.util.List;

import nl.accountlifecycle.activation.ActivationMailer;
import nl.accountlifecycle.activation.ActivationSettings;
import nl.accountlifecycle.activation.ActivationState;
import nl.accountlifecycle.activation.Invitation;
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
 * Sends the bundle's activation mail, with a new link that replaces any earlier one, exactly as the invitation
 * API does. Skips users who are activated, disabled or without an email address.
 */
public final class SendActivationInvitationStepFactory extends StepFactory<SendActivationInvitationStepFactory.Step> {

    public static final String PROVIDER_ID = "send-activation-invitation";
    static final String LIFESPAN = "lifespan";
    static final String SUBJECT = "subject";
    static final String MESSAGE = "message";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Sends the account-lifecycle activation mail with a new link (replacing any earlier link)";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(LIFESPAN).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("How long the link is valid, e.g. 3d or 72h; default the realm's activation lifespan").add()
                .property().name(SUBJECT).type(ProviderConfigProperty.STRING_TYPE).helpText("Subject line instead of the standard one").add()
                .property().name(MESSAGE).type(ProviderConfigProperty.TEXT_TYPE).helpText("A personal message shown in the mail").add()
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
            if (user == null || !user.isEnabled() || user.getEmail() == null || ActivationState.isActivated(user)) {
                LOG.debugf("%s: user %s is gone, disabled, activated or without email; nothing sent", PROVIDER_ID, context.getResourceId());
                return;
            }
            Duration fallback = Duration.ofSeconds(ActivationSettings.of(realm).defaultLifespan());
            int lifespan = (int) config.duration(LIFESPAN, fallback).toSeconds();
            new ActivationMailer(session, realm).send(user, new Invitation(config.text(SUBJECT), config.text(MESSAGE),
                    lifespan, Invitation.DEFAULT_CLIENT, null), "activation_sent");
        }

        @Override
        public void close() {
        }
    }
}
