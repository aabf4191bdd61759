package nl.accountlifecycle.workflow;

import java.time.Duration;
import java.util.List;

import nl.accountlifecycle.activation.ActivationMailer;
import nl.accountlifecycle.activation.ActivationSettings;
import nl.accountlifecycle.activation.ActivationState;
import nl.accountlifecycle.activation.Invitation;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Sends the bundle's activation mail, with a new link that replaces any earlier one, exactly as the invitation
 * API does. Skips users who are activated, disabled or without an email address.
 */
public final class SendActivationInvitationStepFactory extends StepFactory {

    public static final String PROVIDER_ID = "send-activation-invitation";
    static final String LIFESPAN = "lifespan";
    private static final Logger LOG = Logger.getLogger(SendActivationInvitationStepFactory.class);

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
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create()
                .property().name(LIFESPAN).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("How long the link is valid, e.g. 3d or 72h; default the realm's activation lifespan").add();
        return mailTexts(builder, null, "A personal message shown in the mail", null).build();
    }

    @Override
    void run(KeycloakSession session, RealmModel realm, UserModel user, StepConfig config) {
        if (!user.isEnabled() || user.getEmail() == null || ActivationState.isActivated(user)) {
            LOG.debugf("%s: user %s is disabled, activated or without email; nothing sent", PROVIDER_ID, user.getId());
            return;
        }
        Duration fallback = Duration.ofSeconds(ActivationSettings.of(realm).defaultLifespan());
        int lifespan = (int) config.duration(LIFESPAN, fallback).toSeconds();
        new ActivationMailer(session, realm).send(user, new Invitation(config.text(SUBJECT), config.text(MESSAGE),
                lifespan, Invitation.DEFAULT_CLIENT, null), "activation_sent");
    }
}
