package nl.accountlifecycle.support;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.RealmModel;

/**
 * Per-realm settings, stored as realm attributes under {@value #PREFIX}. Every setting has a default,
 * so a realm without any of these attributes behaves sensibly.
 */
public final class LifecycleSettings {

    public static final String PREFIX = "accountLifecycle.";
    public static final String SEND_ON_CREATE = PREFIX + "activation.sendOnCreate";
    public static final String MAX_LIFESPAN = PREFIX + "activation.maxLifespanSeconds";
    public static final String SELF_SERVICE_RESEND = PREFIX + "activation.selfServiceResend";
    public static final String TIMEZONE = PREFIX + "timezone";
    public static final String SUPPORT_CONTACT = PREFIX + "supportContact";
    public static final String EMAIL_CHANGE_LIFESPAN = PREFIX + "emailChange.lifespanSeconds";
    public static final String EMAIL_CHANGE_LOGOUT = PREFIX + "emailChange.logoutOnConfirm";
    public static final String EMAIL_CHANGE_CONSOLE_MODE = PREFIX + "emailChange.consoleMode";
    public static final String ROLE_MAILBOXES = PREFIX + "roleMailboxes";
    public static final String ADMIN_RESEND_INTERVAL = PREFIX + "activation.adminResendIntervalSeconds";
    /** The Econobis manual's rule: never an account on a shared address, so changes can be traced to a person. */
    public static final List<String> DEFAULT_ROLE_MAILBOXES =
            List.of("info", "admin", "administratie", "noreply", "no-reply", "support", "sales", "office", "contact");

    static final int DEFAULT_MAX_LIFESPAN = 30 * 24 * 3600;
    static final String DEFAULT_TIMEZONE = "Europe/Amsterdam";
    static final int DEFAULT_EMAIL_CHANGE_LIFESPAN = 3 * 24 * 3600;
    static final int DEFAULT_ADMIN_RESEND_INTERVAL = 60;

    private final RealmModel realm;

    private LifecycleSettings(RealmModel realm) {
        this.realm = realm;
    }

    public static LifecycleSettings of(RealmModel realm) {
        return new LifecycleSettings(realm);
    }

    /** Send the activation email when an admin creates a user with an email and no password. Default off. */
    public boolean sendActivationOnCreate() {
        return Boolean.parseBoolean(realm.getAttribute(SEND_ON_CREATE));
    }

    /** The lifespan of an activation link: the realm's lifespan for admin-sent action links (3 days in the demo realm). */
    public int defaultActivationLifespan() {
        return realm.getActionTokenGeneratedByAdminLifespan();
    }

    /** The longest lifespan an admin may ask for. Default 30 days. */
    public int maxActivationLifespan() {
        return positiveInt(realm.getAttribute(MAX_LIFESPAN), DEFAULT_MAX_LIFESPAN);
    }

    /** Whether a user with an expired link may ask for a new one. Default off: the user asks the administrator. */
    public boolean selfServiceResend() {
        return Boolean.parseBoolean(realm.getAttribute(SELF_SERVICE_RESEND));
    }

    /** The zone dates in emails are shown in. Default Europe/Amsterdam. */
    public ZoneId timezone() {
        String value = realm.getAttribute(TIMEZONE);
        if (value == null || value.isBlank()) {
            return ZoneId.of(DEFAULT_TIMEZONE);
        }
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            return ZoneId.of(DEFAULT_TIMEZONE);
        }
    }

    /**
     * Who a user should contact about an email change they did not make: the realm attribute, else the realm's
     * reply-to or from address. May be null; the email then names no contact.
     */
    public String supportContact() {
        String value = realm.getAttribute(SUPPORT_CONTACT);
        if (value != null && !value.isBlank()) {
            return value.strip();
        }
        java.util.Map<String, String> smtp = realm.getSmtpConfig();
        if (smtp == null) {
            return null;
        }
        String replyTo = smtp.get("replyTo");
        return replyTo != null && !replyTo.isBlank() ? replyTo : smtp.get("from");
    }

    /** How long an admin-requested email change link is valid. Default 3 days. */
    public int emailChangeLifespan() {
        return positiveInt(realm.getAttribute(EMAIL_CHANGE_LIFESPAN), DEFAULT_EMAIL_CHANGE_LIFESPAN);
    }

    /** Whether confirming an admin-requested change ends the user's sessions. Default on. */
    public boolean logoutOnEmailChangeConfirm() {
        String value = realm.getAttribute(EMAIL_CHANGE_LOGOUT);
        return value == null || value.isBlank() || Boolean.parseBoolean(value.strip());
    }

    /**
     * What an admin's edit of the email in the admin console does: {@code immediate} (the default) applies it at
     * once, as the helpdesk does; {@code confirm} keeps the old address and sends a confirmation link to the new one.
     */
    public boolean consoleEmailChangeNeedsConfirmation() {
        String value = realm.getAttribute(EMAIL_CHANGE_CONSOLE_MODE);
        return value != null && "confirm".equalsIgnoreCase(value.strip());
    }

    /**
     * The least time between two admin resends of one user's activation link, in seconds. Default 60; {@code 0}
     * turns the limit off; anything unreadable gives the default.
     */
    public int adminResendIntervalSeconds() {
        String value = realm.getAttribute(ADMIN_RESEND_INTERVAL);
        if (value != null && "0".equals(value.strip())) {
            return 0;
        }
        return positiveInt(value, DEFAULT_ADMIN_RESEND_INTERVAL);
    }

    /**
     * The local parts (before the {@code @}) no account may have, lower case: the realm attribute as a
     * comma-separated list, {@code none} for no restriction, else {@link #DEFAULT_ROLE_MAILBOXES}.
     */
    public Set<String> roleMailboxes() {
        String value = realm.getAttribute(ROLE_MAILBOXES);
        if (value == null || value.isBlank()) {
            return Set.copyOf(DEFAULT_ROLE_MAILBOXES);
        }
        if ("none".equalsIgnoreCase(value.strip())) {
            return Set.of();
        }
        return Arrays.stream(value.split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    static int positiveInt(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
