package nl.accountlifecycle.workflow;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowInvalidStateException;

/**
 * {@code user-enabled(true)} / {@code user-enabled(false)}. A scheduled workflow enrols every matching user again
 * once the previous run for that user has completed; a policy that disables users ANDs this in, so a disabled user
 * no longer matches and is not processed again every day.
 */
public final class UserEnabledConditionFactory extends ConditionFactory<Boolean> {

    public static final String PROVIDER_ID = "user-enabled";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    Boolean parse(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("true")) {
            return true;
        }
        if (text.strip().equalsIgnoreCase("false")) {
            return false;
        }
        throw new WorkflowInvalidStateException(PROVIDER_ID + ": expected true or false, got '" + text + "'");
    }

    @Override
    boolean matches(KeycloakSession session, RealmModel realm, UserModel user, Boolean enabled) {
        return user.isEnabled() == enabled;
    }

    @Override
    Predicate predicate(KeycloakSession session, CriteriaBuilder cb, CriteriaQuery<String> query, Root<?> user, Boolean enabled) {
        return enabled ? cb.isTrue(user.get("enabled")) : cb.isFalse(user.get("enabled"));
    }
}
