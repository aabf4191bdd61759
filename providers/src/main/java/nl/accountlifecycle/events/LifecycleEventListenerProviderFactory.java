package nl.accountlifecycle.events;

import nl.accountlifecycle.support.BundleProviderFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * The bundle's event listener. Realms enable it by adding {@value #PROVIDER_ID} to their event listeners;
 * the lifecycle capabilities (deactivation, email change, Odoo sync) react to the events it receives.
 */
public final class LifecycleEventListenerProviderFactory
        extends BundleProviderFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "account-lifecycle";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new LifecycleEventListenerProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
