package nl.accountlifecycle.workflow;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.LifecycleSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowInvalidStateException;

/**
 * {@code user-attribute-date(contractEnd before 7d)}: the date in a user attribute ({@code yyyy-MM-dd}, or an
 * ISO-8601 date-time of which the date counts) is on or before today plus 7 days. {@code after -30d} is on or
 * after today minus 30 days; no offset means today. "Today" is the server's clock in the realm's time zone
 * ({@code accountLifecycle.timezone}). Users without the attribute, or with a value that is not a date, never match.
 */
public final class UserAttributeDateConditionFactory extends ConditionFactory<UserAttributeDateConditionFactory.Parameter> {

    public static final String PROVIDER_ID = "user-attribute-date";

    private static final Pattern SYNTAX = Pattern.compile("^\\s*(\\S+)\\s+(before|after)(?:\\s+([+-]?\\d+)d?)?\\s*$",
            Pattern.CASE_INSENSITIVE);

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    /** The attribute, the direction and the offset in days from today. */
    record Parameter(String attribute, boolean before, int offsetDays) {

        static Parameter parse(String text) {
            Matcher m = SYNTAX.matcher(text == null ? "" : text);
            if (!m.matches()) {
                throw new WorkflowInvalidStateException(PROVIDER_ID + ": expected '<attribute> before|after [+-]<days>d', e.g. 'contractEnd before 7d', got '" + text + "'");
            }
            int offset = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            return new Parameter(m.group(1), m.group(2).toLowerCase(Locale.ROOT).equals("before"), offset);
        }

        LocalDate reference(LocalDate today) {
            return today.plusDays(offsetDays);
        }

        /** Inclusive: the reference day itself matches both ways. */
        boolean matches(String value, LocalDate today) {
            LocalDate date = dateOf(value);
            if (date == null) {
                return false;
            }
            LocalDate reference = reference(today);
            return before ? !date.isAfter(reference) : !date.isBefore(reference);
        }
    }

    static LocalDate dateOf(String value) {
        if (value == null || value.strip().length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip().substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate today(RealmModel realm) {
        return LocalDate.ofInstant(Clock.now(), LifecycleSettings.of(realm).timezone());
    }

    @Override
    Parameter parse(String text) {
        return Parameter.parse(text);
    }

    @Override
    boolean matches(KeycloakSession session, RealmModel realm, UserModel user, Parameter parameter) {
        return parameter.matches(user.getFirstAttribute(parameter.attribute()), today(realm));
    }

    /**
     * ISO dates compare as text; a date-time value sorts after its own date, hence "before" compares with the
     * next day. The LIKE keeps values that are not dates out of the scan (they would never match anyway).
     */
    @Override
    Predicate predicate(KeycloakSession session, CriteriaBuilder cb, CriteriaQuery<String> query, Root<?> user, Parameter parameter) {
        LocalDate reference = parameter.reference(today(session.getContext().getRealm()));
        return UserAttributes.exists(cb, query, user, parameter.attribute(), v -> cb.and(
                cb.like(v, "____-__-__%"),
                parameter.before() ? cb.lessThan(v, reference.plusDays(1).toString())
                        : cb.greaterThanOrEqualTo(v, reference.toString())));
    }
}
