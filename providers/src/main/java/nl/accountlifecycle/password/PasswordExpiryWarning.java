package nl.accountlifecycle.password;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.LifecycleSettings;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * At login, within the last days before the password expires: "your password expires on ...", with
 * "change now" (runs Keycloak's update-password step) and "later" (not asked again that day).
 */
public final class PasswordExpiryWarning implements RequiredActionProvider {

    public static final String PROVIDER_ID = "password-expiry-warning";
    static final String SNOOZED_ON = "accountLifecycle.password.warningSnoozedOn";
    static final String TEMPLATE = "account-lifecycle-password-expiry.ftl";

    private final int defaultWarningDays;

    PasswordExpiryWarning(int defaultWarningDays) {
        this.defaultWarningDays = defaultWarningDays;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        if (decide(context).expiry().isPresent()) {
            context.getAuthenticationSession().addRequiredAction(PROVIDER_ID);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        Decision decision = decide(context);
        if (decision.expiry().isEmpty()) {
            context.success();
            return;
        }
        Locale locale = context.getSession().getContext().resolveLocale(context.getUser());
        String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .withZone(decision.zone()).format(decision.expiry().get());
        context.challenge(context.form().setAttribute("passwordExpiresOn", date).createForm(TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if ("change".equals(form.getFirst("choice"))) {
            context.getAuthenticationSession().addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD.name());
        } else {
            ZoneId zone = LifecycleSettings.of(context.getRealm()).timezone();
            context.getUser().setSingleAttribute(SNOOZED_ON, Clock.today(zone).toString());
            context.getSession().removeAttribute(decisionKey(context));
            context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION)
                    .detail(Details.CUSTOM_REQUIRED_ACTION, PROVIDER_ID)
                    .detail("account_lifecycle", "password_warning_later")
                    .success();
        }
        context.success();
    }

    /** The expiry to warn about now, if any, and the realm's zone when it was needed to decide. */
    record Decision(Optional<Instant> expiry, ZoneId zone) {
        static final Decision NONE = new Decision(Optional.empty(), null);
    }

    /**
     * Decided once per request: a login asks in {@link #evaluateTriggers} and, when warned, again for the page in
     * the same request. Reads as little as it can, cheapest first, because every login of the realm asks: nothing
     * when passwords do not expire (the realm's parsed policy is cached by Keycloak), then the password's date,
     * and the snooze mark and the realm's time zone only inside the warning window.
     */
    private Decision decide(RequiredActionContext context) {
        String key = decisionKey(context);
        if (context.getSession().getAttribute(key) instanceof Decision known) {
            return known;
        }
        Decision decision = decideNow(context);
        context.getSession().setAttribute(key, decision);
        return decision;
    }

    private static String decisionKey(RequiredActionContext context) {
        return PROVIDER_ID + ":" + context.getUser().getId();
    }

    private Decision decideNow(RequiredActionContext context) {
        RealmModel realm = context.getRealm();
        int policyDays = PasswordExpiry.policyDays(realm);
        if (policyDays <= 0) {
            return Decision.NONE;
        }
        Optional<Instant> created = PasswordExpiry.lastChanged(context.getUser());
        if (created.isEmpty()) {
            return Decision.NONE;
        }
        Instant now = Clock.now();
        Instant expiresAt = PasswordExpiry.expiresAt(created.get(), policyDays);
        if (!PasswordExpiry.inWarningWindow(now, expiresAt, warningDays(context, policyDays))) {
            return Decision.NONE;
        }
        ZoneId zone = LifecycleSettings.of(realm).timezone();
        if (PasswordExpiry.snoozedToday(now, snoozedOn(context.getUser()), zone)) {
            return Decision.NONE;
        }
        return new Decision(Optional.of(expiresAt), zone);
    }

    private static LocalDate snoozedOn(UserModel user) {
        String snoozed = user.getFirstAttribute(SNOOZED_ON);
        try {
            return snoozed == null ? null : LocalDate.parse(snoozed);
        } catch (RuntimeException ignored) {
            return null; // a damaged value only means the user is asked again
        }
    }

    private int warningDays(RequiredActionContext context, int policyDays) {
        String configured = context.getConfig() == null ? null : context.getConfig().getConfigValue(PasswordExpiryWarningFactory.WARNING_DAYS);
        int days = defaultWarningDays;
        if (configured != null) {
            try {
                days = Integer.parseInt(configured.trim());
            } catch (NumberFormatException ignored) {
                // refused when configured; an old bad value falls back to the default
            }
        }
        return Math.max(1, Math.min(days, policyDays));
    }

    @Override
    public void close() {
    }
}
