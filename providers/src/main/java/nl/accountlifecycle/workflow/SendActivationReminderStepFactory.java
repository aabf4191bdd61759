package nl.accountlifecycle.workflow;

import java.util.List;

import nl.accountlifecycle.activation.ActivationMailer;
import nl.accountlifecycle.activation.ActivationState;
import nl.accountlifecycle.activation.Invitation;
import nl.accountlifecycle.support.Clock;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Mails a user whose activation link is still pending that link again, with its own expiry: a reminder, not a new
 * link. Once per link: the link id reminded is kept in {@value #REMINDED}, so a daily or hourly policy, a second
 * node or a retried run never mails twice for one link.
 */
public final class SendActivationReminderStepFactory extends StepFactory {

    public static final String PROVIDER_ID = "send-activation-reminder";
    public static final String REMINDED = "accountLifecycle.activation.remindedLinkId";
    private static final Logger LOG = Logger.getLogger(SendActivationReminderStepFactory.class);

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
        return mailTexts(ProviderConfigurationBuilder.create(), null, "A message shown in the mail, e.g. that the link expires soon", null).build();
    }

    @Override
    void run(KeycloakSession session, RealmModel realm, UserModel user, StepConfig config) {
        if (!user.isEnabled() || user.getEmail() == null
                || ActivationState.status(user, Clock.now()) != ActivationState.Status.PENDING) {
            LOG.debugf("%s: user %s has no pending link; nothing sent", PROVIDER_ID, user.getId());
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
}
