package nl.accountlifecycle.emailchange;

import java.util.Set;

import nl.accountlifecycle.support.LifecycleEvent;
import nl.accountlifecycle.support.LifecycleEventHandler;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Notices email changes made outside the bundle's own endpoints, by comparing the user's address with the last
 * one the bundle saw ({@link EmailChangeState#KNOWN_EMAIL}).
 * <ul>
 *   <li>Self-service, through Keycloak's update-email flow: on its {@code UPDATE_EMAIL} event, after the user
 *   confirmed the new address. The old address is told; the user's sessions stay.</li>
 *   <li>An admin saving a new address in the admin console (or {@code PUT /users/{id}}): the admin event does
 *   not carry the previous value, hence the remembered one. Treated like the helpdesk's immediate change: the
 *   old address is told, every session ends, a pending confirm-mode change is dropped. With the realm's console
 *   mode {@code confirm}, the edit becomes a pending change confirmed through a link to the new address.</li>
 * </ul>
 * The bundle's own changes remember the new address before their events fire, so they are not handled twice.
 */
public final class EmailWatch implements LifecycleEventHandler {

    private static final Logger LOG = Logger.getLogger(EmailWatch.class);
    static final Set<EventType> USER_EVENTS = Set.of(EventType.UPDATE_EMAIL, EventType.UPDATE_PROFILE,
            EventType.REGISTER, EventType.LOGIN);

    @Override
    public void handle(LifecycleEvent event) {
        if (event.isAdminEvent()) {
            onAdminEvent(event);
        } else if (event.type() != null && USER_EVENTS.contains(event.type())) {
            onUserEvent(event);
        }
    }

    private static void onUserEvent(LifecycleEvent event) {
        UserModel user = event.user();
        if (user == null) {
            return;
        }
        if (event.type() == EventType.LOGIN || event.type() == EventType.REGISTER) {
            // first sighting, or a change made where no event tells (e.g. a directory); writes only on a change
            EmailChangeState.remember(user);
            return;
        }
        String known = EmailChangeState.knownEmail(user);
        if (known == null && event.type() == EventType.UPDATE_EMAIL) {
            known = event.detail(Details.PREVIOUS_EMAIL);
        }
        RealmModel realm = event.realm();
        if (known != null && user.getEmail() != null && !EmailChangeState.sameAddress(known, user.getEmail())) {
            EmailChangeNotice.toOldAddress(event.session(), realm, user, known, EmailChangeNotice.Via.SELF_SERVICE, false);
            LOG.debugf("user %s in realm %s changed their email; the old address is told", user.getId(), realm.getName());
        }
        EmailChangeState.remember(user);
    }

    private static void onAdminEvent(LifecycleEvent event) {
        boolean created = event.onUser(ResourceType.USER, OperationType.CREATE);
        if (!created && !event.onUser(ResourceType.USER, OperationType.UPDATE) || event.user() == null) {
            return;
        }
        UserModel user = event.user();
        String known = EmailChangeState.knownEmail(user);
        if (created || known == null || user.getEmail() == null || EmailChangeState.sameAddress(known, user.getEmail())) {
            EmailChangeState.remember(user);
            return;
        }
        KeycloakSession session = event.session();
        RealmModel realm = event.realm();
        if (EmailChangeSettings.of(realm).consoleChangeNeedsConfirmation()) {
            keepOldAddressUntilConfirmed(session, realm, user, known);
            return;
        }
        int ended = EmailChangeNotice.afterImmediateChange(session, realm, user, known, EmailChangeNotice.Via.CONSOLE,
                "admin_console");
        LOG.debugf("an admin changed the email of user %s in realm %s; %d sessions ended", user.getId(),
                realm.getName(), ended);
    }

    /**
     * Console mode {@code confirm}: the admin's edit becomes a pending change. In the same transaction the address
     * (and, with email as username, the username) goes back to the old one, and the link goes to the new one.
     */
    private static void keepOldAddressUntilConfirmed(KeycloakSession session, RealmModel realm, UserModel user,
                                                     String known) {
        String requested = user.getEmail();
        boolean verified = user.isEmailVerified();
        EmailChangeState.setAddress(realm, user, known);
        user.setEmailVerified(verified);
        EmailChangeConfirmation.request(session, realm, user, requested.strip().toLowerCase(java.util.Locale.ROOT));
        LOG.debugf("an admin asked to change the email of user %s in realm %s; a link went to the new address",
                user.getId(), realm.getName());
    }
}
