package nl.accountlifecycle.workflow;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowConditionProviderFactory;

/**
 * One kind of user condition: its parameter parsed from the text between the parentheses, the check of one user
 * (when Keycloak evaluates an event) and the same check as a query predicate (when its scheduled scan selects
 * users). {@link UserCondition} does the rest; off where the 26.7 Workflows API is missing.
 *
 * @param <P> the parsed parameter
 */
abstract class ConditionFactory<P> implements WorkflowConditionProviderFactory<UserCondition<P>> {

    /** Parses the parameter; a bad one throws {@code WorkflowInvalidStateException}, refused when the workflow is saved. */
    abstract P parse(String text);

    abstract boolean matches(KeycloakSession session, RealmModel realm, UserModel user, P parameter);

    abstract Predicate predicate(KeycloakSession session, CriteriaBuilder cb, CriteriaQuery<String> query, Root<?> user, P parameter);

    @Override
    public final UserCondition<P> create(KeycloakSession session, String parameter) {
        return new UserCondition<>(session, parameter, this);
    }

    @Override
    public boolean isSupported(Config.Scope config) {
        return WorkflowApi.available();
    }
}
