package nl.accountlifecycle.activation;

import java.time.Instant;

import nl.accountlifecycle.support.Clock;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Reacts to the admin console: sends the activation email when an admin creates a user with an email and
 * no password, and records the state when an admin sends "Activate account" through Credential reset.
 */
public final class AutoInvite {

    static final String EXECUTE_ACTIONS_EMAIL = "execute-actions-email";

    private AutoInvite() {
    }

    public static void onAdminEvent(KeycloakSession session, AdminEvent event) {
        if (event.getResourceType() != ResourceType.USER || event.getResourcePath() == null) {
            return;
        }
        String[] path = event.getResourcePath().split("/");
        if (path.length < 2 || !"users".equals(path[0])) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        if (event.getOperationType() == OperationType.CREATE && path.length == 2) {
            UserModel user = session.users().getUserById(realm, path[1]);
            if (user != null && shouldInviteOnCreate(realm, user)) {
                new ActivationMailer(session, realm).send(user,
                        Invitation.defaults(ActivationSettings.of(realm).defaultLifespan()), "activation_sent");
            }
        } else if (event.getOperationType() == OperationType.ACTION && path.length == 3
                && EXECUTE_ACTIONS_EMAIL.equals(path[2])) {
            // The admin event does not carry the chosen actions. A link sent to a user who never set a
            // password can only end in activation, so it counts as the current activation link.
            UserModel user = session.users().getUserById(realm, path[1]);
            if (user != null && !ActivationState.isActivated(user) && !hasPassword(user)) {
                recordConsoleResend(session, realm, user);
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
        ActivationState.markSent(user, java.util.UUID.randomUUID().toString(), now, now.plusSeconds(seconds));
    }
}
