package nl.accountlifecycle.workflow;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import nl.accountlifecycle.password.PasswordExpiry;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.KeycloakTables;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.ResourceType;
import org.keycloak.models.workflow.WorkflowConditionProvider;
import org.keycloak.models.workflow.WorkflowExecutionContext;

/**
 * {@code password-expires-within(14)} (days, or a duration such as {@code 36h}): the user's password has not
 * expired yet and expires within that time under the realm's {@code forceExpiredPasswordChange} policy. Without
 * that policy no password expires and nobody matches.
 */
public final class PasswordExpiresWithinConditionFactory extends ConditionFactory<PasswordExpiresWithinConditionFactory.Condition> {

    public static final String PROVIDER_ID = "password-expires-within";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Condition create(KeycloakSession session, String parameter) {
        return new Condition(session, parameter);
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
            Duration within = ConditionParameter.duration(text, PROVIDER_ID);
            RealmModel realm = session.getContext().getRealm();
            int policyDays = PasswordExpiry.policyDays(realm);
            UserModel user = session.users().getUserById(realm, context.getResourceId());
            if (user == null || policyDays <= 0) {
                return false;
            }
            Instant created = PasswordExpiry.lastChanged(user).orElse(null);
            if (created == null) {
                return false;
            }
            Instant now = Clock.now();
            Instant expiresAt = PasswordExpiry.expiresAt(created, policyDays);
            return !expiresAt.isBefore(now) && expiresAt.isBefore(now.plus(within));
        }

        @Override
        public Predicate toPredicate(CriteriaBuilder cb, CriteriaQuery<String> query, Root<?> user) {
            Duration within = ConditionParameter.duration(text, PROVIDER_ID);
            int policyDays = PasswordExpiry.policyDays(session.getContext().getRealm());
            if (policyDays <= 0) {
                return cb.disjunction();
            }
            return KeycloakTables.passwordExpiringWithin(cb, query, user, policyDays, within, Clock.now());
        }

        @Override
        public void validate() {
            ConditionParameter.duration(text, PROVIDER_ID);
        }

        @Override
        public void close() {
        }
    }
}
