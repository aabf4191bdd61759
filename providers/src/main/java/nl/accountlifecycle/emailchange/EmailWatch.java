package nl.accountlifecycle.emailchange;

import nl.accountlifecycle.support.AdminEventUsers;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
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
public final class EmailWatch {

    private static final Logger LOG = Logger.getLogger(EmailWatch.class);

    private EmailWatch() {
    }

    public static void onEvent(KeycloakSession session, Event event) {
        if (event.getType() != EventType.UPDATE_EMAIL && event.getType() != EventType.UPDATE_PROFILE
                && event.getType() != EventType.REGISTER && event.getType() != EventType.LOGIN) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null || event.getUserId() == null ? null
                : session.users().getUserById(realm, event.getUserId());
        if (user == null) {
            return;
        }
        if (event.getType() == EventType.LOGIN || event.getType() == EventType.REGISTER) {
            EmailChangeState.remember(user); // first sighting, or a change made where no event tells (e.g. a directory)
            return;
        }
        String known = EmailChangeState.knownEmail(user);
        if (known == null && event.getType() == EventType.UPDATE_EMAIL && event.getDetails() != null) {
            known = event.getDetails().get(Details.PREVIOUS_EMAIL);
        }
        if (known != null && user.getEmail() != null && !EmailChangeState.sameAddress(known, user.getEmail())) {
            EmailChangeNotice.toOldAddress(session, realm, user, known, EmailChangeNotice.Via.SELF_SERVICE, false);
            LOG.debugf("user %s in realm %s changed their email; the old address is told", user.getId(), realm.getName());
        }
        EmailChangeState.remember(user);
    }

    public static void onAdminEvent(KeycloakSession session, AdminEvent event) {
        UserModel created = AdminEventUsers.userOf(session, event, OperationType.CREATE);
        if (created != null) {
            EmailChangeState.remember(created);
            return;
        }
        UserModel user = AdminEventUsers.userOf(session, event, OperationType.UPDATE);
        if (user == null) {
            return;
        }
        String known = EmailChangeState.knownEmail(user);
        if (known == null || user.getEmail() == null || EmailChangeState.sameAddress(known, user.getEmail())) {
            EmailChangeState.remember(user);
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
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
