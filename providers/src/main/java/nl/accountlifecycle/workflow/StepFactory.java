package nl.accountlifecycle.workflow;

import java.util.List;
import java.util.Set;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.workflow.ResourceType;
import org.keycloak.models.workflow.WorkflowStepProvider;
import org.keycloak.models.workflow.WorkflowStepProviderFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** What every step factory of the bundle shares: users only, off where the 26.7 Workflows API is missing. */
abstract class StepFactory<P extends WorkflowStepProvider> implements WorkflowStepProviderFactory<P> {

    @Override
    public boolean isSupported(Config.Scope config) {
        return WorkflowApi.available();
    }

    @Override
    public Set<ResourceType> getSupportedResourceTypes() {
        return Set.of(ResourceType.USERS);
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
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
