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
        if (expiryToWarnAbout(context).isPresent()) {
            context.getAuthenticationSession().addRequiredAction(PROVIDER_ID);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        Optional<Instant> expiry = expiryToWarnAbout(context);
        if (expiry.isEmpty()) {
            context.success();
            return;
        }
        Locale locale = context.getSession().getContext().resolveLocale(context.getUser());
        String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .withZone(LifecycleSettings.of(context.getRealm()).timezone()).format(expiry.get());
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
            context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION)
                    .detail(Details.CUSTOM_REQUIRED_ACTION, PROVIDER_ID)
                    .detail("account_lifecycle", "password_warning_later")
                    .success();
        }
        context.success();
    }

    /** The expiry to warn about now, if any. */
    private Optional<Instant> expiryToWarnAbout(RequiredActionContext context) {
        RealmModel realm = context.getRealm();
        int policyDays = PasswordExpiry.policyDays(realm);
        if (policyDays <= 0) {
            return Optional.empty();
        }
        Optional<Instant> created = PasswordExpiry.lastChanged(context.getUser());
        if (created.isEmpty()) {
            return Optional.empty();
        }
        Instant expiresAt = PasswordExpiry.expiresAt(created.get(), policyDays);
        ZoneId zone = LifecycleSettings.of(realm).timezone();
        String snoozed = context.getUser().getFirstAttribute(SNOOZED_ON);
        LocalDate snoozedOn = null;
        try {
            snoozedOn = snoozed == null ? null : LocalDate.parse(snoozed);
        } catch (RuntimeException ignored) {
            // a damaged value only means the user is asked again
        }
        return PasswordExpiry.shouldWarn(Clock.now(), expiresAt, warningDays(context, policyDays), snoozedOn, zone)
                ? Optional.of(expiresAt) : Optional.empty();
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
