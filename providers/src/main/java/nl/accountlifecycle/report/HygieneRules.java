package nl.accountlifecycle.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import nl.accountlifecycle.activation.ActivationState;
import nl.accountlifecycle.activation.ActivationState.Status;

/**
 * Decides a user's rows from their {@link UserFacts}. Pure: the same facts and criteria give the same rows.
 * <ul>
 *   <li>Findings about access (invitation, password, inactivity) concern enabled users only: a disabled account
 *   grants no access.</li>
 *   <li>A user whose invitation is pending or expired is listed as such, not also as inactive.</li>
 *   <li>Inactive: the newest of last login, password set and account created is {@code inactiveDays} or more ago.
 *   Without login events ({@link LoginSource#NONE}) a user with a live session counts as active.</li>
 * </ul>
 */
final class HygieneRules {

    /** Where the last login comes from: Keycloak's event store (LOGIN events kept long enough), or nowhere. */
    enum LoginSource {
        EVENTS, NONE;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Criteria(Instant now, int inactiveDays, int passwordPolicyDays, LoginSource loginSource, boolean targetEnabled) {
    }

    private final Criteria criteria;
    private final Predicate<String> hasSession;

    /** {@code hasSession} is asked only without login events, and only for users who would otherwise be inactive. */
    HygieneRules(Criteria criteria, Predicate<String> hasSession) {
        this.criteria = criteria;
        this.hasSession = hasSession;
    }

    List<HygieneRow> rows(UserFacts user) {
        List<HygieneRow> rows = new ArrayList<>();
        Instant now = criteria.now();
        Status activation = ActivationState.status(user.activationStatus(), user.activationExpiresAt(), now);
        boolean invited = activation == Status.PENDING || activation == Status.EXPIRED;
        if (user.enabled() && invited) {
            String expires = user.activationExpiresAt() == null ? "no expiry recorded"
                    : day(ActivationState.parseInstant(user.activationExpiresAt()));
            rows.add(row(user, HygieneKind.INVITATION_NOT_ACTIVATED, activation == Status.EXPIRED
                    ? "invitation never activated; the link expired on " + expires
                    : "invitation not activated yet; the link expires on " + expires));
        }
        if (user.enabled() && criteria.passwordPolicyDays() > 0 && user.passwordCreated() != null) {
            Instant expiresAt = user.passwordCreated().plus(Duration.ofDays(criteria.passwordPolicyDays()));
            if (!expiresAt.isAfter(now)) {
                rows.add(row(user, HygieneKind.PASSWORD_EXPIRED, "password set on " + day(user.passwordCreated())
                        + ", expired on " + day(expiresAt) + " (the realm's policy: " + criteria.passwordPolicyDays() + " days)"));
            }
        }
        if (user.enabled() && !invited) {
            String inactive = inactivity(user, now);
            if (inactive != null) {
                rows.add(row(user, HygieneKind.INACTIVE, inactive));
            }
        }
        UserFacts.Target target = user.target();
        if (criteria.targetEnabled() && target != null) {
            if (!user.enabled()) {
                rows.add(row(user, HygieneKind.DISABLED_ACTIVE_IN_TARGET,
                        "disabled in Keycloak, still active in Odoo: " + delivery(target)));
            } else if (target.failed()) {
                rows.add(row(user, HygieneKind.TARGET_DRIFT,
                        "active in Keycloak, missing or out of date in Odoo: " + delivery(target)));
            }
        }
        return rows;
    }

    private String inactivity(UserFacts user, Instant now) {
        Instant lastActive = newest(newest(user.lastLogin(), user.passwordCreated()), user.createdAt());
        Instant limit = now.minus(Duration.ofDays(criteria.inactiveDays()));
        if (lastActive != null && lastActive.isAfter(limit)) {
            return null;
        }
        String since = lastActive == null ? "" : " since " + day(lastActive);
        if (user.lastLogin() != null) {
            return "no login for " + Duration.between(user.lastLogin(), now).toDays() + " days; last login on "
                    + day(user.lastLogin());
        }
        if (criteria.loginSource() == LoginSource.EVENTS) {
            return "no login recorded" + since + " (account created or password set then)";
        }
        if (hasSession.test(user.id())) {
            return null;
        }
        return "no session, and no sign of activity" + since
                + " (the realm keeps no login events, so the last login is unknown)";
    }

    private static String delivery(UserFacts.Target target) {
        String state = target.dead() ? "delivery gave up after " + target.attempts() + " attempts"
                : target.attempts() > 0 ? "delivery failed " + target.attempts() + " times so far"
                : "the change is waiting to be delivered";
        String error = target.lastError() == null ? "" : "; last error: " + target.lastError();
        return state + " (undelivered since " + day(target.since()) + ")" + error;
    }

    private static HygieneRow row(UserFacts user, HygieneKind kind, String detail) {
        return new HygieneRow(kind, user.id(), user.username(), user.email(), detail);
    }

    private static Instant newest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }
}
