package nl.accountlifecycle.deactivation;

import nl.accountlifecycle.support.LifecycleEvent;
import nl.accountlifecycle.support.LifecycleEventHandler;
import nl.accountlifecycle.support.Sessions;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Disabling a user in Keycloak leaves the user's sessions and offline tokens in place (upstream #37981).
 * When an admin saves a user who is disabled, this ends every session of that user: online sessions through
 * Keycloak's backchannel logout (so clients with a logout URL hear of it), offline sessions by removal,
 * which makes their offline tokens useless.
 */
public final class Deactivation implements LifecycleEventHandler {

    private static final Logger LOG = Logger.getLogger(Deactivation.class);

    /**
     * Disables the user and ends every session at once, for callers that disable outside the admin console (the
     * hygiene report's repair); the admin event they then send lets the listener do the rest (Odoo, for one).
     * Returns how many sessions there were.
     */
    public static int disable(KeycloakSession session, RealmModel realm, UserModel user) {
        user.setEnabled(false);
        return Sessions.endAll(session, realm, user);
    }

    @Override
    public void handle(LifecycleEvent event) {
        if (!event.onUser(ResourceType.USER, OperationType.UPDATE)) {
            return;
        }
        UserModel user = event.user();
        RealmModel realm = event.realm();
        if (user != null && !user.isEnabled()) {
            int ended = Sessions.endAll(event.session(), realm, user);
            if (ended > 0) {
                LOG.debugf("disabled user %s in realm %s: ended %d sessions", user.getId(), realm.getName(), ended);
            }
        }
    }
}
