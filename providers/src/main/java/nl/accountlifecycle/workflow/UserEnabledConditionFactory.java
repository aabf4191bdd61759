package nl.accountlifecycle.workflow;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.ResourceType;
import org.keycloak.models.workflow.WorkflowConditionProvider;
import org.keycloak.models.workflow.WorkflowExecutionContext;
import org.keycloak.models.workflow.WorkflowInvalidStateException;

/**
 * {@code user-enabled(true)} / {@code user-enabled(false)}. A scheduled workflow enrols every matching user again
 * once the previous run for that user has completed; a policy that disables users ANDs this in, so a disabled user
 * no longer matches and is not processed again every day.
 */
public final class UserEnabledConditionFactory extends ConditionFactory<UserEnabledConditionFactory.Condition> {

    public static final String PROVIDER_ID = "user-enabled";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Condition create(KeycloakSession session, String parameter) {
        return new Condition(session, parameter);
    }

    static boolean wanted(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("true")) {
            return true;
        }
        if (text.strip().equalsIgnoreCase("false")) {
            return false;
        }
        throw new WorkflowInvalidStateException(PROVIDER_ID + ": expected true or false, got '" + text + "'");
    }

    public static final class Condition implements WorkflowConditionProvider {

        private final KeycloakSession session;
        private final String text;

        Condition(KeycloakSession session, String text) {
            this.session = session;
            this.text = text;
        }

        @Override
        public ResourceType getSupportedResourceType() {
            return ResourceType.USERS;
        }

        @Override
        public boolean evaluate(WorkflowExecutionContext context) {
            RealmModel realm = session.getContext().getRealm();
            UserModel user = session.users().getUserById(realm, context.getResourceId());
            return user != null && user.isEnabled() == wanted(text);
        }

        @Override
        public Predicate toPredicate(CriteriaBuilder cb, CriteriaQuery<String> query, Root<?> user) {
            return wanted(text) ? cb.isTrue(user.get("enabled")) : cb.isFalse(user.get("enabled"));
        }

        @Override
        public void validate() {
            wanted(text);
        }

        @Override
        public void close() {
        }
    }
}
