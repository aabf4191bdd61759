package nl.accountlifecycle.support;

import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * What every factory of the bundle shares: it reports the bundle version in the admin console's provider
 * info, and has nothing to set up or release unless it says so.
 */
public abstract class BundleProviderFactory implements ServerInfoAwareProviderFactory {

    public void init(Config.Scope config) {
    }

    public void postInit(KeycloakSessionFactory factory) {
    }

    public void close() {
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return BundleInfo.get().operationalInfo();
    }
}
