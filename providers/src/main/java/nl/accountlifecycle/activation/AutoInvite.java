package nl.accountlifecycle.activation;

import java.time.Instant;

import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.LifecycleEvent;
import nl.accountlifecycle.support.LifecycleEventHandler;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Reacts to the admin console: sends the activation email when an admin creates a user with an email and
 * no password, and records the state when an admin sends "Activate account" through Credential reset.
 */
public final class AutoInvite implements LifecycleEventHandler {

    static final String EXECUTE_ACTIONS_EMAIL = "execute-actions-email";

    @Override
    public void handle(LifecycleEvent event) {
        if (event.onUser(ResourceType.USER, OperationType.CREATE)) {
            UserModel user = event.user();
            if (user != null && shouldInviteOnCreate(event.realm(), user)) {
                new ActivationMailer(event.session(), event.realm()).send(user,
                        Invitation.defaults(ActivationSettings.of(event.realm()).defaultLifespan()), "activation_sent");
            }
        } else if (event.onUser(ResourceType.USER, OperationType.ACTION, EXECUTE_ACTIONS_EMAIL)) {
            // The admin event does not carry the chosen actions. A link sent to a user who never set a
            // password can only end in activation, so it counts as the current activation link.
            UserModel user = event.user();
            if (user != null && !ActivationState.isActivated(user) && !hasPassword(user)) {
                recordConsoleResend(event.session(), event.realm(), user);
            }
        }
    }

    static boolean shouldInviteOnCreate(RealmModel realm, UserModel user) {
        return ActivationSettings.of(realm).sendOnCreate()
                && user.isEnabled()
                && user.getEmail() != null
                && user.getFirstAttribute(ActivationState.STATUS) == null
                && user.credentialManager().getStoredCredentialsStream().findAny().isEmpty();
    }

    private static boolean hasPassword(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream("password").findAny().isPresent();
    }

    /** The console sent Keycloak's execute-actions link; it replaces any earlier activation link. */
    private static void recordConsoleResend(KeycloakSession session, RealmModel realm, UserModel user) {
        String lifespan = session.getContext().getUri().getQueryParameters().getFirst("lifespan");
        int seconds = ActivationSettings.of(realm).defaultLifespan();
        try {
            if (lifespan != null) {
                seconds = Integer.parseInt(lifespan);
            }
        } catch (NumberFormatException ignored) {
            // Keycloak itself refused a bad lifespan before sending
        }
        Instant now = Clock.now();
        ActivationState.markSent(session, user, java.util.UUID.randomUUID().toString(), now, now.plusSeconds(seconds));
    }
}
