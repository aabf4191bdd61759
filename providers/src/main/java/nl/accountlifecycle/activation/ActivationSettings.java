package nl.accountlifecycle.activation;

import nl.accountlifecycle.support.LifecycleSettings;
import nl.accountlifecycle.support.SettingValues;
import org.keycloak.models.RealmModel;

/**
 * A realm's activation settings, realm attributes under {@code accountLifecycle.activation.}, each with a default;
 * an unreadable value gives the default and a warning in the log ({@link SettingValues}).
 */
public final class ActivationSettings {

    public static final String SEND_ON_CREATE = LifecycleSettings.PREFIX + "activation.sendOnCreate";
    public static final String MAX_LIFESPAN = LifecycleSettings.PREFIX + "activation.maxLifespanSeconds";
    public static final String SELF_SERVICE_RESEND = LifecycleSettings.PREFIX + "activation.selfServiceResend";
    public static final String ADMIN_RESEND_INTERVAL = LifecycleSettings.PREFIX + "activation.adminResendIntervalSeconds";

    static final int DEFAULT_MAX_LIFESPAN = 30 * 24 * 3600;
    static final int DEFAULT_ADMIN_RESEND_INTERVAL = 60;

    private final RealmModel realm;

    private ActivationSettings(RealmModel realm) {
        this.realm = realm;
    }

    public static ActivationSettings of(RealmModel realm) {
        return new ActivationSettings(realm);
    }

    /** Send the activation email when an admin creates a user with an email and no password. Default off. */
    public boolean sendOnCreate() {
        return SettingValues.bool(realm, SEND_ON_CREATE, false);
    }

    /** The lifespan of an activation link: the realm's lifespan for admin-sent action links (3 days in the demo realm). */
    public int defaultLifespan() {
        return realm.getActionTokenGeneratedByAdminLifespan();
    }

    /** The longest lifespan an admin may ask for, in seconds. Default 30 days. */
    public int maxLifespan() {
        return SettingValues.atLeast(realm, MAX_LIFESPAN, 1, DEFAULT_MAX_LIFESPAN);
    }

    /** Whether a user with an expired link may ask for a new one. Default off: the user asks the administrator. */
    public boolean selfServiceResend() {
        return SettingValues.bool(realm, SELF_SERVICE_RESEND, false);
    }

    /** The least time between two admin resends of one user's activation link, in seconds. Default 60; 0 turns it off. */
    public int adminResendIntervalSeconds() {
        return SettingValues.atLeast(realm, ADMIN_RESEND_INTERVAL, 0, DEFAULT_ADMIN_RESEND_INTERVAL);
    }
}
