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

/** A condition of one of the bundle's kinds, bound to its parameter text; a user who is gone never matches. */
final class UserCondition<P> implements WorkflowConditionProvider {

    private final KeycloakSession session;
    private final String text;
    private final ConditionFactory<P> kind;

    UserCondition(KeycloakSession session, String text, ConditionFactory<P> kind) {
        this.session = session;
        this.text = text;
        this.kind = kind;
    }

    @Override
    public ResourceType getSupportedResourceType() {
        return ResourceType.USERS;
    }

    @Override
    public boolean evaluate(WorkflowExecutionContext context) {
        P parameter = kind.parse(text);
        RealmModel realm = session.getContext().getRealm();
        UserModel user = session.users().getUserById(realm, context.getResourceId());
        return user != null && kind.matches(session, realm, user, parameter);
    }

    @Override
    public Predicate toPredicate(CriteriaBuilder cb, CriteriaQuery<String> query, Root<?> user) {
        return kind.predicate(session, cb, query, user, kind.parse(text));
    }

    @Override
    public void validate() {
        kind.parse(text);
    }

    @Override
    public void close() {
    }
}
