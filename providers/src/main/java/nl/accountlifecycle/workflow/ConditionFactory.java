package nl.accountlifecycle.workflow;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.workflow.WorkflowConditionProvider;
import org.keycloak.models.workflow.WorkflowConditionProviderFactory;

/** What every condition factory of the bundle shares: off where the 26.7 Workflows API is missing. */
abstract class ConditionFactory<P extends WorkflowConditionProvider> implements WorkflowConditionProviderFactory<P> {

    @Override
    public boolean isSupported(Config.Scope config) {
        return WorkflowApi.available();
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
}
