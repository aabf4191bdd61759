package nl.accountlifecycle.targets;

import java.util.Map;

import nl.accountlifecycle.support.HostPolicy;
import nl.accountlifecycle.support.ServerOptions;
import nl.accountlifecycle.support.ServerPart;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The provisioning targets' server-wide part: the worker on this node and its options, read once from the options of
 * the provider that runs it (keys {@code spi-events-listener--account-lifecycle--targets-*}).
 */
public final class TargetSync implements ServerPart {

    static final String POLL = "targets-poll-interval-millis";
    static final String BATCH = "targets-batch-size";
    static final String CONCURRENCY = "targets-concurrency";
    static final String BACKOFF_BASE = "targets-backoff-base-millis";
    static final String BACKOFF_CAP = "targets-backoff-cap-millis";
    static final String LEASE = "targets-lease-seconds";
    static final String TIMEOUT = "targets-timeout-millis";
    static final String THREADS = "targets-threads";
    public static final String HOSTS = "targets-allowed-hosts";
    static final TargetWorker.Options DEFAULTS = new TargetWorker.Options(1000, 200, 16, 2000, 300_000, 60, 10_000, 4);

    private final TargetWorker.Options options;
    private final HostPolicy hosts;
    private TargetWorker worker;

    TargetSync(TargetWorker.Options options, HostPolicy hosts) {
        this.options = options;
        this.hosts = hosts;
    }

    /** Reads the options; {@code optionPrefix} names them in the message of a bad value, which stops the server. */
    public static TargetSync of(Config.Scope config, String optionPrefix) {
        return new TargetSync(new TargetWorker.Options(
                ServerOptions.positive(config, optionPrefix, POLL, DEFAULTS.pollMillis()),
                (int) ServerOptions.positive(config, optionPrefix, BATCH, DEFAULTS.batchSize()),
                (int) ServerOptions.positive(config, optionPrefix, CONCURRENCY, DEFAULTS.concurrency()),
                ServerOptions.positive(config, optionPrefix, BACKOFF_BASE, DEFAULTS.backoffBaseMillis()),
                ServerOptions.positive(config, optionPrefix, BACKOFF_CAP, DEFAULTS.backoffCapMillis()),
                (int) ServerOptions.positive(config, optionPrefix, LEASE, DEFAULTS.leaseSeconds()),
                ServerOptions.positive(config, optionPrefix, TIMEOUT, DEFAULTS.timeoutMillis()),
                (int) ServerOptions.positive(config, optionPrefix, THREADS, DEFAULTS.threads())),
                HostPolicy.parse(config.get(HOSTS), HOSTS, "target host"));
    }

    public HostPolicy allowedHosts() {
        return hosts;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        worker = new TargetWorker(factory, options, hosts);
        worker.scheduleAfterStartup();
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
    }

    /** The options, for the config metadata of the provider that reads them. */
    public static void describe(ProviderConfigurationBuilder builder) {
        builder.property().name(POLL).type("long")
                .helpText("Milliseconds between two polls of the targets' queue; every node polls.")
                .defaultValue(DEFAULTS.pollMillis()).add()
                .property().name(BATCH).type("int")
                .helpText("Users a node claims for one target in one batch.")
                .defaultValue(DEFAULTS.batchSize()).add()
                .property().name(CONCURRENCY).type("int")
                .helpText("Requests a node has in flight to one target; a user's own changes go one after the other.")
                .defaultValue(DEFAULTS.concurrency()).add()
                .property().name(BACKOFF_BASE).type("long")
                .helpText("Wait after a first failed delivery; it doubles with every further failure.")
                .defaultValue(DEFAULTS.backoffBaseMillis()).add()
                .property().name(BACKOFF_CAP).type("long")
                .helpText("The longest wait between two delivery attempts, also for a receiver's Retry-After.")
                .defaultValue(DEFAULTS.backoffCapMillis()).add()
                .property().name(LEASE).type("int")
                .helpText("Seconds a node holds the rows it claimed; a crashed node's rows are sent again after it.")
                .defaultValue(DEFAULTS.leaseSeconds()).add()
                .property().name(TIMEOUT).type("long")
                .helpText("Milliseconds to connect to a target, and again for its answer.")
                .defaultValue(DEFAULTS.timeoutMillis()).add()
                .property().name(THREADS).type("int")
                .helpText("Targets a node delivers to at once.")
                .defaultValue(DEFAULTS.threads()).add()
                .property().name(HOSTS).type("string")
                .helpText("The hosts webhook targets may point at, comma-separated: host names or IP addresses, *.domain, *, "
                        + "and the keywords loopback and link-local. Empty: none.")
                .defaultValue("").add();
    }

    @Override
    public void info(Map<String, String> info) {
        info.put(BATCH, Integer.toString(options.batchSize()));
        info.put(CONCURRENCY, Integer.toString(options.concurrency()));
        info.put(HOSTS, hosts.toString());
    }
}
