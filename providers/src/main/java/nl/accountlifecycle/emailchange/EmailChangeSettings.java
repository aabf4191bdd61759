package nl.accountlifecycle.emailchange;

import nl.accountlifecycle.support.LifecycleSettings;
import nl.accountlifecycle.support.SettingValues;
import org.keycloak.models.RealmModel;

/**
 * A realm's email-change settings, realm attributes under {@code accountLifecycle.emailChange.}, each with a default;
 * an unreadable value gives the default and a warning in the log ({@link SettingValues}).
 */
public final class EmailChangeSettings {

    public static final String LIFESPAN = LifecycleSettings.PREFIX + "emailChange.lifespanSeconds";
    public static final String LOGOUT_ON_CONFIRM = LifecycleSettings.PREFIX + "emailChange.logoutOnConfirm";
    public static final String CONSOLE_MODE = LifecycleSettings.PREFIX + "emailChange.consoleMode";

    static final int DEFAULT_LIFESPAN = 3 * 24 * 3600;

    private final RealmModel realm;

    private EmailChangeSettings(RealmModel realm) {
        this.realm = realm;
    }

    public static EmailChangeSettings of(RealmModel realm) {
        return new EmailChangeSettings(realm);
    }

    /** How long an admin-requested email change link is valid, in seconds. Default 3 days. */
    public int lifespan() {
        return SettingValues.atLeast(realm, LIFESPAN, 1, DEFAULT_LIFESPAN);
    }

    /** Whether confirming an admin-requested change ends the user's sessions. Default on. */
    public boolean logoutOnConfirm() {
        return SettingValues.bool(realm, LOGOUT_ON_CONFIRM, true);
    }

    /**
     * What an admin's edit of the email in the admin console does: {@code immediate} (the default) applies it at
     * once, as the helpdesk does; {@code confirm} keeps the old address and sends a confirmation link to the new one.
     */
    public boolean consoleChangeNeedsConfirmation() {
        return "confirm".equals(SettingValues.oneOf(realm, CONSOLE_MODE, "immediate", "immediate", "confirm"));
    }
}
