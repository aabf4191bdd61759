package nl.accountlifecycle.workflow;

import java.util.List;
import java.util.Set;

import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.ResourceType;
import org.keycloak.models.workflow.WorkflowStepProviderFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * One kind of step for users: what it does to one user who still exists. {@link UserStep} finds the user; off
 * where the 26.7 Workflows API is missing.
 */
abstract class StepFactory implements WorkflowStepProviderFactory<UserStep> {

    static final String SUBJECT = "subject";
    static final String MESSAGE = "message";

    abstract void run(KeycloakSession session, RealmModel realm, UserModel user, StepConfig config);

    @Override
    public final UserStep create(KeycloakSession session, ComponentModel model) {
        return new UserStep(session, new StepConfig(model), this);
    }

    /** The two texts a mailing step can take, appended to {@code builder}. */
    static ProviderConfigurationBuilder mailTexts(ProviderConfigurationBuilder builder, String subjectDefault, String messageHelp,
            String messageDefault) {
        return builder
                .property().name(SUBJECT).type(ProviderConfigProperty.STRING_TYPE).helpText("Subject line instead of the standard one")
                .defaultValue(subjectDefault).add()
                .property().name(MESSAGE).type(ProviderConfigProperty.TEXT_TYPE).helpText(messageHelp).defaultValue(messageDefault).add();
    }

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
}
