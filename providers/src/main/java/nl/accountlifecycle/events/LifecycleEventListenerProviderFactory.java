package nl.accountlifecycle.events;

import java.util.Map;

import nl.accountlifecycle.support.BundleInfo;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * The bundle's event listener. Realms enable it by adding {@value #PROVIDER_ID} to their event listeners;
 * the lifecycle capabilities (deactivation, email change, Odoo sync) react to the events it receives.
 */
public final class LifecycleEventListenerProviderFactory
        implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "account-lifecycle";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new LifecycleEventListenerProvider(session);
    }

    @Override
    public void init(Config.Scope config) {
        // no server-wide options yet
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return BundleInfo.get().operationalInfo();
    }
}
