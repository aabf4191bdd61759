package nl.accountlifecycle.workflow;

import org.keycloak.common.Profile;

/**
 * Whether the running Keycloak has the Workflows API this package is written against (26.7): Keycloak 26.4 and
 * 26.5 ship classes of the same names with other methods. Checked by reflection only, so this class loads on any
 * version; every factory here answers {@code isSupported} with it, and Keycloak then leaves the factory out.
 */
public final class WorkflowApi {

    private WorkflowApi() {
    }

    public static boolean available() {
        return apiPresent() && featureEnabled();
    }

    static boolean apiPresent() {
        try {
            ClassLoader loader = WorkflowApi.class.getClassLoader();
            Class.forName("org.keycloak.models.workflow.WorkflowStepProviderFactory", false, loader)
                    .getMethod("getSupportedResourceTypes");
            Class.forName("org.keycloak.models.workflow.WorkflowConditionProvider", false, loader)
                    .getMethod("getSupportedResourceType");
            Class.forName("org.keycloak.models.workflow.WorkflowExecutionContext", false, loader);
            return true;
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    static boolean featureEnabled() {
        try {
            return Profile.isFeatureEnabled(Profile.Feature.valueOf("WORKFLOWS"));
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The one startup line when the policies' steps and conditions are off; null when they are on. */
    public static String offNote(String version) {
        if (!apiPresent()) {
            return "account-lifecycle on Keycloak " + version + ": Keycloak Workflows 26.7 is not available here, "
                    + "so the lifecycle policy steps and conditions are not registered (everything else works)";
        }
        if (!featureEnabled()) {
            return "account-lifecycle: Keycloak's workflows feature is disabled, "
                    + "so the lifecycle policy steps and conditions are not registered";
        }
        return null;
    }
}
