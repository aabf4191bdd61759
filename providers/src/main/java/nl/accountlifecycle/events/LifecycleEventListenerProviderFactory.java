package nl.accountlifecycle.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nl.accountlifecycle.emailchange.NonBlockingUpdateEmail;
import nl.accountlifecycle.odoo.OdooServerOptions;
import nl.accountlifecycle.odoo.OdooWorker;
import nl.accountlifecycle.odoo.client.OdooHostPolicy;
import nl.accountlifecycle.password.CredentialAgeQuery;
import nl.accountlifecycle.password.ReminderAvailability;
import nl.accountlifecycle.password.ReminderScan;
import nl.accountlifecycle.support.BundleProviderFactory;
import nl.accountlifecycle.support.ClusterOnce;
import nl.accountlifecycle.support.KeycloakLine;
import nl.accountlifecycle.support.StartupSelfCheck;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The bundle's event listener. Realms enable it by adding {@value #PROVIDER_ID} to their event listeners;
 * the lifecycle capabilities (deactivation, email change, Odoo sync) react to the events it receives.
 */
public final class LifecycleEventListenerProviderFactory
        extends BundleProviderFactory implements EventListenerProviderFactory, OdooServerOptions, ReminderAvailability {

    private static final Logger LOG = Logger.getLogger(LifecycleEventListenerProviderFactory.class);

    public static final String PROVIDER_ID = "account-lifecycle";
    static final String REMINDER_INTERVAL = "password-reminder-interval";
    static final long DEFAULT_REMINDER_INTERVAL_SECONDS = 3600;

    static final String ODOO_POLL = "odoo-poll-interval-millis";
    static final String ODOO_BATCH = "odoo-batch-size";
    static final String ODOO_BACKOFF_BASE = "odoo-backoff-base-millis";
    static final String ODOO_BACKOFF_CAP = "odoo-backoff-cap-millis";
    static final String ODOO_LEASE = "odoo-lease-seconds";
    static final String ODOO_WRITERS = "odoo-write-threads";
    static final OdooWorker.Options ODOO_DEFAULTS = new OdooWorker.Options(1000, 200, 2000, 300_000, 60, 8);

    private long reminderIntervalSeconds = DEFAULT_REMINDER_INTERVAL_SECONDS;
    private OdooWorker.Options odooOptions = ODOO_DEFAULTS;
    private OdooHostPolicy odooAllowedHosts = OdooHostPolicy.NONE;
    private OdooWorker odooWorker;
    /** Set once, when the startup self-check has run; read by the scan's timer and the admin REST. */
    private volatile Optional<String> remindersOff = Optional.empty();

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
        odooOptions = new OdooWorker.Options(
                positive(config, ODOO_POLL, ODOO_DEFAULTS.pollMillis()),
                (int) positive(config, ODOO_BATCH, ODOO_DEFAULTS.batchSize()),
                positive(config, ODOO_BACKOFF_BASE, ODOO_DEFAULTS.backoffBaseMillis()),
                positive(config, ODOO_BACKOFF_CAP, ODOO_DEFAULTS.backoffCapMillis()),
                (int) positive(config, ODOO_LEASE, ODOO_DEFAULTS.leaseSeconds()),
                (int) positive(config, ODOO_WRITERS, ODOO_DEFAULTS.writeThreads()));
        odooAllowedHosts = OdooHostPolicy.parse(config.get(OdooHostPolicy.OPTION));
    }

    @Override
    public Optional<String> remindersOff() {
        return remindersOff;
    }

    @Override
    public OdooHostPolicy odooAllowedHosts() {
        return odooAllowedHosts;
    }

    private static long positive(Config.Scope config, String name, long fallback) {
        long value = config.getLong(name, fallback);
        if (value <= 0) {
            throw new IllegalArgumentException("spi-events-listener--account-lifecycle--" + name
                    + " must be a positive number, got " + value);
        }
        return value;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        KeycloakLine.startupNotes().forEach(LOG::warn);
        // Keycloak before 26.7 (or with the workflows feature off) leaves the policy steps out: one line says so
        String workflowsOff = nl.accountlifecycle.workflow.WorkflowApi.offNote(org.keycloak.common.Version.VERSION);
        if (workflowsOff != null) {
            LOG.info(workflowsOff);
        }
        StartupSelfCheck.updateEmail(factory.getProviderFactory(RequiredActionProvider.class,
                UserModel.RequiredAction.UPDATE_EMAIL.name()), NonBlockingUpdateEmail.class).ifPresent(LOG::warn);
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                remindersOff = StartupSelfCheck.reminderQueries(() -> KeycloakModelUtils.runJobInTransaction(factory,
                        session -> new CredentialAgeQuery(session).probe()));
                remindersOff.ifPresent(LOG::warn);
            }
        });
        ClusterOnce.scheduleAfterStartup(factory, ReminderScan.LOCK, reminderIntervalSeconds * 1000, session -> {
            if (remindersOff.isEmpty()) {
                ReminderScan.run(factory);
            }
        });
        RealmRemoval.register(factory);
        odooWorker = new OdooWorker(factory, odooOptions, odooAllowedHosts);
        odooWorker.scheduleAfterStartup();
    }

    @Override
    public void close() {
        if (odooWorker != null) {
            odooWorker.close();
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(REMINDER_INTERVAL).type("long")
                .helpText("Seconds between two password reminder scans; one node of the cluster runs each.")
                .defaultValue(DEFAULT_REMINDER_INTERVAL_SECONDS).add()
                .property().name(ODOO_POLL).type("long")
                .helpText("Milliseconds between two polls of the Odoo outbox; every node polls.")
                .defaultValue(ODOO_DEFAULTS.pollMillis()).add()
                .property().name(ODOO_BATCH).type("int")
                .helpText("Users a node claims and sends to Odoo in one batch.")
                .defaultValue(ODOO_DEFAULTS.batchSize()).add()
                .property().name(ODOO_BACKOFF_BASE).type("long")
                .helpText("Wait after a first failed delivery; it doubles with every further failure.")
                .defaultValue(ODOO_DEFAULTS.backoffBaseMillis()).add()
                .property().name(ODOO_BACKOFF_CAP).type("long")
                .helpText("The longest wait between two delivery attempts.")
                .defaultValue(ODOO_DEFAULTS.backoffCapMillis()).add()
                .property().name(ODOO_LEASE).type("int")
                .helpText("Seconds a node holds the rows it claimed; a crashed node's rows are claimed again after it.")
                .defaultValue(ODOO_DEFAULTS.leaseSeconds()).add()
                .property().name(ODOO_WRITERS).type("int")
                .helpText("Concurrent Odoo writes per node.")
                .defaultValue(ODOO_DEFAULTS.writeThreads()).add()
                .property().name(OdooHostPolicy.OPTION).type("string")
                .helpText("The Odoo hosts realms may sync to, comma-separated: host names or IP addresses, *.domain, *, "
                        + "and the keywords loopback and link-local. Empty: none. Loopback and link-local (cloud metadata) "
                        + "addresses are refused unless listed as such.")
                .defaultValue("").add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>(super.getOperationalInfo());
        info.put(REMINDER_INTERVAL, Long.toString(reminderIntervalSeconds));
        info.put(ODOO_POLL, Long.toString(odooOptions.pollMillis()));
        info.put(ODOO_BATCH, Integer.toString(odooOptions.batchSize()));
        info.put(OdooHostPolicy.OPTION, odooAllowedHosts.toString());
        return info;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
