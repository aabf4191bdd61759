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
 * The realm-wide settings, stored as realm attributes under {@value #PREFIX}. Every setting has a default,
 * so a realm without any of these attributes behaves sensibly. Each capability has its own settings class
 * on this pattern ({@code ActivationSettings}, {@code EmailChangeSettings}, {@code PasswordSettings}).
 */
public final class LifecycleSettings {

    public static final String PREFIX = "accountLifecycle.";
    public static final String TIMEZONE = PREFIX + "timezone";
    public static final String SUPPORT_CONTACT = PREFIX + "supportContact";
    public static final String ROLE_MAILBOXES = PREFIX + "roleMailboxes";
    /** The Econobis manual's rule: never an account on a shared address, so changes can be traced to a person. */
    public static final List<String> DEFAULT_ROLE_MAILBOXES =
            List.of("info", "admin", "administratie", "noreply", "no-reply", "support", "sales", "office", "contact");

    static final String DEFAULT_TIMEZONE = "Europe/Amsterdam";
    private static final Set<String> DEFAULT_ROLE_MAILBOX_SET = Set.copyOf(DEFAULT_ROLE_MAILBOXES);
    private static final ZoneId DEFAULT_ZONE = ZoneId.of(DEFAULT_TIMEZONE);

    private final RealmModel realm;

    private LifecycleSettings(RealmModel realm) {
        this.realm = realm;
    }

    public static LifecycleSettings of(RealmModel realm) {
        return new LifecycleSettings(realm);
    }

    /** The zone dates in emails are shown in. Default Europe/Amsterdam. */
    public ZoneId timezone() {
        String value = SettingValues.text(realm, TIMEZONE);
        if (value == null) {
            return DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            return SettingValues.unreadable(realm, TIMEZONE, value, DEFAULT_ZONE, "a time zone");
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

    /**
     * The local parts (before the {@code @}) no account may have, lower case: the realm attribute as a
     * comma-separated list, {@code none} for no restriction, else {@link #DEFAULT_ROLE_MAILBOXES}.
     */
    public Set<String> roleMailboxes() {
        String value = realm.getAttribute(ROLE_MAILBOXES);
        if (value == null || value.isBlank()) {
            return DEFAULT_ROLE_MAILBOX_SET;
        }
        if ("none".equalsIgnoreCase(value.strip())) {
            return Set.of();
        }
        return Arrays.stream(value.split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
