package nl.accountlifecycle.password;

import java.util.Map;
import java.util.Optional;

import nl.accountlifecycle.support.ClusterOnce;
import nl.accountlifecycle.support.KeycloakTables;
import nl.accountlifecycle.support.ScheduledWork;
import nl.accountlifecycle.support.ServerPart;
import nl.accountlifecycle.support.StartupSelfCheck;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The password reminder scan's schedule: once per cluster every {@value #OPTION} seconds, after the startup
 * self-check found that its queries of Keycloak's tables work on this Keycloak ({@link #remindersOff()}).
 */
public final class ReminderSchedule implements ServerPart, ReminderAvailability {

    private static final Logger LOG = Logger.getLogger(ReminderSchedule.class);
    public static final String OPTION = "password-reminder-interval";
    static final long DEFAULT_SECONDS = 3600;

    private final long intervalSeconds;
    /** Set once, when the startup self-check has run; read by the scan's timer and the admin REST. */
    private volatile Optional<String> remindersOff = Optional.empty();
    private ScheduledWork scan;

    ReminderSchedule(long intervalSeconds) {
        this.intervalSeconds = intervalSeconds;
    }

    /** Reads the interval from the options of the provider that runs the schedule ({@code optionPrefix} for messages). */
    public static ReminderSchedule of(Config.Scope config, String optionPrefix) {
        long seconds = config.getLong(OPTION, DEFAULT_SECONDS);
        if (seconds <= 0) {
            throw new IllegalArgumentException(optionPrefix + OPTION + " must be a positive number of seconds, got " + seconds);
        }
        return new ReminderSchedule(seconds);
    }

    @Override
    public Optional<String> remindersOff() {
        return remindersOff;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                remindersOff = StartupSelfCheck.reminderQueries(() -> KeycloakModelUtils.runJobInTransaction(factory,
                        session -> new KeycloakTables(session).probe()));
                remindersOff.ifPresent(LOG::warn);
            }
        });
        scan = ClusterOnce.scheduleAfterStartup(factory, ReminderScan.LOCK, intervalSeconds * 1000, session -> {
            if (remindersOff.isEmpty()) {
                ReminderScan.run(factory);
            }
        });
    }

    @Override
    public void close() {
        if (scan != null) {
            scan.close();
        }
    }

    /** The options, for the config metadata of the provider that reads them. */
    public static void describe(ProviderConfigurationBuilder options) {
        options.property().name(OPTION).type("long")
                .helpText("Seconds between two password reminder scans; one node of the cluster runs each.")
                .defaultValue(DEFAULT_SECONDS).add();
    }

    @Override
    public void info(Map<String, String> info) {
        info.put(OPTION, Long.toString(intervalSeconds));
    }
}
