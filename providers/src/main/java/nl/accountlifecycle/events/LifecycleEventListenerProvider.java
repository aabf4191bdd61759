package nl.accountlifecycle.events;

import java.util.List;

import nl.accountlifecycle.support.LifecycleEvent;
import nl.accountlifecycle.support.LifecycleEventHandler;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;

/**
 * Receives user and admin events for realms that enabled {@link LifecycleEventListenerProviderFactory#PROVIDER_ID},
 * parses each once into a {@link LifecycleEvent} and hands it to every capability's handler, in order.
 * Only ids are logged, never names or addresses.
 */
final class LifecycleEventListenerProvider implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(LifecycleEventListenerProvider.class);

    private final KeycloakSession session;
    private final List<LifecycleEventHandler> handlers;

    LifecycleEventListenerProvider(KeycloakSession session, List<LifecycleEventHandler> handlers) {
        this.session = session;
        this.handlers = handlers;
    }

    @Override
    public void onEvent(Event event) {
        if (event == null) {
            return;
        }
        if (LOG.isTraceEnabled()) {
            LOG.tracef("event %s realm=%s user=%s", event.getType(), event.getRealmId(), event.getUserId());
        }
        dispatch(LifecycleEvent.of(session, event));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event == null) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("admin event %s %s realm=%s path=%s", event.getResourceType(), event.getOperationType(),
                    event.getRealmId(), event.getResourcePath());
        }
        dispatch(LifecycleEvent.of(session, event));
    }

    private void dispatch(LifecycleEvent event) {
        for (LifecycleEventHandler handler : handlers) {
            handler.handle(event);
        }
    }

    @Override
    public void close() {
    }
}
