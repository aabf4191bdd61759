package nl.accountlifecycle.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import nl.accountlifecycle.activation.ActivationState;
import nl.accountlifecycle.activation.ActivationState.Status;
import nl.accountlifecycle.support.Clock;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowInvalidStateException;

/**
 * {@code activation-status(pending)}, {@code activation-status(pending,expired)},
 * {@code activation-status(pending within 24h)}: the user's invitation state as the bundle keeps it. A pending
 * link whose expiry has passed counts as {@code expired}; {@code none} is a user never invited.
 */
public final class ActivationStatusConditionFactory extends ConditionFactory<ActivationStatusConditionFactory.Parameter> {

    public static final String PROVIDER_ID = "activation-status";
    private static final List<String> KNOWN = List.of(Status.PENDING.wire(), Status.EXPIRED.wire(), Status.ACTIVATED.wire());

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    /** The statuses asked for, and for pending links optionally how soon they must expire. */
    record Parameter(Set<Status> statuses, Duration within) {

        static Parameter parse(String text) {
            if (text == null || text.isBlank()) {
                throw new WorkflowInvalidStateException(PROVIDER_ID + ": name one or more of pending, expired, activated, none");
            }
            String[] parts = text.strip().split("\\s+within\\s+", 2);
            Set<Status> statuses = EnumSet.noneOf(Status.class);
            for (String name : parts[0].split("[,\\s]+")) {
                Status s = Status.parse(name);
                if (s == null) {
                    throw new WorkflowInvalidStateException(PROVIDER_ID + ": '" + name
                            + "' is not one of pending, expired, activated, none");
                }
                statuses.add(s);
            }
            Duration within = null;
            if (parts.length == 2) {
                if (!statuses.equals(EnumSet.of(Status.PENDING))) {
                    throw new WorkflowInvalidStateException(PROVIDER_ID + ": 'within' applies to pending links only");
                }
                within = ConditionParameter.duration(parts[1], PROVIDER_ID);
            }
            return new Parameter(statuses, within);
        }

        boolean matches(Status status, Instant expiresAt, Instant now) {
            if (!statuses.contains(status)) {
                return false;
            }
            return within == null || (expiresAt != null && !expiresAt.isAfter(now.plus(within)));
        }
    }

    @Override
    Parameter parse(String text) {
        return Parameter.parse(text);
    }

    @Override
    boolean matches(KeycloakSession session, RealmModel realm, UserModel user, Parameter parameter) {
        Instant now = Clock.now();
        String expires = user.getFirstAttribute(ActivationState.EXPIRES_AT);
        Instant expiresAt = null;
        if (expires != null) {
            try {
                expiresAt = Instant.parse(expires.strip());
            } catch (RuntimeException e) {
                expiresAt = Instant.EPOCH;
            }
        }
        return parameter.matches(ActivationState.status(user, now), expiresAt, now);
    }

    @Override
    Predicate predicate(KeycloakSession session, CriteriaBuilder cb, CriteriaQuery<String> query, Root<?> user, Parameter parameter) {
        Instant now = Clock.now();
        String nowIso = ActivationState.iso(now);
        List<Predicate> any = new ArrayList<>();
        for (Status status : parameter.statuses()) {
            any.add(switch (status) {
                case PENDING -> {
                    Predicate pending = cb.and(stored(cb, query, user, Status.PENDING),
                            cb.not(expiresBy(cb, query, user, nowIso)));
                    yield parameter.within() == null ? pending
                            : cb.and(pending, expiresBy(cb, query, user, ActivationState.iso(now.plus(parameter.within()))));
                }
                case EXPIRED -> cb.or(stored(cb, query, user, Status.EXPIRED),
                        cb.and(stored(cb, query, user, Status.PENDING), expiresBy(cb, query, user, nowIso)));
                case ACTIVATED -> stored(cb, query, user, Status.ACTIVATED);
                case NONE -> cb.not(UserAttributes.exists(cb, query, user, ActivationState.STATUS, v -> v.in(KNOWN)));
            });
        }
        return cb.or(any.toArray(Predicate[]::new));
    }

    private static Predicate stored(CriteriaBuilder cb, CriteriaQuery<String> query, Root<?> user, Status status) {
        return UserAttributes.exists(cb, query, user, ActivationState.STATUS, v -> cb.equal(v, status.wire()));
    }

    /** The link expires at or before {@code iso}; ISO-8601 instants to the second compare as text. */
    private static Predicate expiresBy(CriteriaBuilder cb, CriteriaQuery<String> query, Root<?> user, String iso) {
        return UserAttributes.exists(cb, query, user, ActivationState.EXPIRES_AT, v -> cb.lessThanOrEqualTo(v, iso));
    }
}
