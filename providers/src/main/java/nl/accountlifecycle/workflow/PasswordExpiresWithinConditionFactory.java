package nl.accountlifecycle.workflow;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import nl.accountlifecycle.password.CredentialAgeQuery;
import nl.accountlifecycle.password.PasswordExpiry;
import nl.accountlifecycle.support.Clock;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code password-expires-within(14)} (days, or a duration such as {@code 36h}): the user's password has not
 * expired yet and expires within that time under the realm's {@code forceExpiredPasswordChange} policy. Without
 * that policy no password expires and nobody matches.
 */
public final class PasswordExpiresWithinConditionFactory extends ConditionFactory<Duration> {

    public static final String PROVIDER_ID = "password-expires-within";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    Duration parse(String text) {
        return ConditionParameter.duration(text, PROVIDER_ID);
    }

    @Override
    boolean matches(KeycloakSession session, RealmModel realm, UserModel user, Duration within) {
        int policyDays = PasswordExpiry.policyDays(realm);
        Instant created = policyDays <= 0 ? null : PasswordExpiry.lastChanged(user).orElse(null);
        if (created == null) {
            return false;
        }
        Instant now = Clock.now();
        Instant expiresAt = PasswordExpiry.expiresAt(created, policyDays);
        return !expiresAt.isBefore(now) && expiresAt.isBefore(now.plus(within));
    }

    @Override
    Predicate predicate(KeycloakSession session, CriteriaBuilder cb, CriteriaQuery<String> query, Root<?> user, Duration within) {
        int policyDays = PasswordExpiry.policyDays(session.getContext().getRealm());
        if (policyDays <= 0) {
            return cb.disjunction();
        }
        return CredentialAgeQuery.expiringWithin(cb, query, user, policyDays, within, Clock.now());
    }
}
