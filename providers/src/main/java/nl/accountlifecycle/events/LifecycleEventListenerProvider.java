package nl.accountlifecycle.events;

import java.util.Set;

import nl.accountlifecycle.activation.AutoInvite;
import nl.accountlifecycle.deactivation.Deactivation;
import nl.accountlifecycle.emailchange.EmailWatch;
import nl.accountlifecycle.odoo.OdooOutbox;
import nl.accountlifecycle.password.PasswordDates;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;

/**
 * Receives user and admin events for realms that enabled {@link LifecycleEventListenerProviderFactory#PROVIDER_ID}.
 * Only ids are logged, never names or addresses.
 */
final class LifecycleEventListenerProvider implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(LifecycleEventListenerProvider.class);

    static final Set<EventType> LIFECYCLE_EVENTS = Set.of(
            EventType.REGISTER,
            EventType.UPDATE_PROFILE,
            EventType.UPDATE_EMAIL,
            EventType.VERIFY_EMAIL,
            EventType.UPDATE_PASSWORD,
            EventType.UPDATE_CREDENTIAL,
            EventType.EXECUTE_ACTION_TOKEN,
            EventType.CUSTOM_REQUIRED_ACTION,
            EventType.RESET_PASSWORD,
            EventType.DELETE_ACCOUNT);

    private final KeycloakSession session;

    LifecycleEventListenerProvider(KeycloakSession session) {
        this.session = session;
    }

    static boolean isLifecycleEvent(Event event) {
        return event != null && LIFECYCLE_EVENTS.contains(event.getType());
    }

    static boolean isUserAdminEvent(AdminEvent event) {
        return event != null && event.getResourceType() == ResourceType.USER;
    }

    @Override
    public void onEvent(Event event) {
        if (event == null) {
            return;
        }
        EmailWatch.onEvent(session, event);
        OdooOutbox.onEvent(session, event);
        if (!isLifecycleEvent(event)) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("lifecycle event %s realm=%s user=%s", event.getType(), event.getRealmId(), event.getUserId());
        }
        PasswordDates.onEvent(session, event);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event == null) {
            return;
        }
        OdooOutbox.onAdminEvent(session, event); // user changes and group memberships
        if (!isUserAdminEvent(event)) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("admin user event %s realm=%s path=%s",
                    event.getOperationType(), event.getRealmId(), event.getResourcePath());
        }
        AutoInvite.onAdminEvent(session, event);
        Deactivation.onAdminEvent(session, event);
        EmailWatch.onAdminEvent(session, event);
        PasswordDates.onAdminEvent(session, event);
    }

    @Override
    public void close() {
    }
}
