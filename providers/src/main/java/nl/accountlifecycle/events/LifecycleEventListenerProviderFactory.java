package nl.accountlifecycle.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.password.ReminderScan;
import nl.accountlifecycle.support.BundleProviderFactory;
import nl.accountlifecycle.support.ClusterOnce;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The bundle's event listener. Realms enable it by adding {@value #PROVIDER_ID} to their event listeners;
 * the lifecycle capabilities (deactivation, email change, Odoo sync) react to the events it receives.
 */
public final class LifecycleEventListenerProviderFactory
        extends BundleProviderFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "account-lifecycle";
    static final String REMINDER_INTERVAL = "password-reminder-interval";
    static final long DEFAULT_REMINDER_INTERVAL_SECONDS = 3600;

    private long reminderIntervalSeconds = DEFAULT_REMINDER_INTERVAL_SECONDS;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new LifecycleEventListenerProvider(session);
    }

    @Override
    public void init(Config.Scope config) {
        long seconds = config.getLong(REMINDER_INTERVAL, DEFAULT_REMINDER_INTERVAL_SECONDS);
        if (seconds <= 0) {
            throw new IllegalArgumentException("spi-events-listener--account-lifecycle--" + REMINDER_INTERVAL
                    + " must be a positive number of seconds, got " + seconds);
        }
        reminderIntervalSeconds = seconds;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        ClusterOnce.scheduleAfterStartup(factory, ReminderScan.LOCK, reminderIntervalSeconds * 1000,
                session -> ReminderScan.run(factory, null));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(REMINDER_INTERVAL).type("long")
                .helpText("Seconds between two password reminder scans; one node of the cluster runs each.")
                .defaultValue(DEFAULT_REMINDER_INTERVAL_SECONDS).add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>(super.getOperationalInfo());
        info.put(REMINDER_INTERVAL, Long.toString(reminderIntervalSeconds));
        return info;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
