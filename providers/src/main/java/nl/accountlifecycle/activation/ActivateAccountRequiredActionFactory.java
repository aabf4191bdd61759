package nl.accountlifecycle.activation;

import java.util.Map;

import nl.accountlifecycle.support.BundleInfo;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

public final class ActivateAccountRequiredActionFactory implements RequiredActionFactory, ServerInfoAwareProviderFactory {

    private static final ActivateAccountRequiredAction INSTANCE = new ActivateAccountRequiredAction();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return INSTANCE;
    }

    @Override
    public String getDisplayText() {
        return "Activate account";
    }

    /** One-time: an execute-actions link that carries this action works once. */
    @Override
    public boolean isOneTimeAction() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ActivateAccountRequiredAction.PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return BundleInfo.get().operationalInfo();
    }
}
