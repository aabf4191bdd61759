package nl.accountlifecycle.odoo;

import java.util.Map;

import nl.accountlifecycle.support.HostPolicy;
import nl.accountlifecycle.support.ServerOptions;
import nl.accountlifecycle.support.ServerPart;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The Odoo sync's server-wide part: the worker on this node and its options, read once from the options of the
 * provider that runs it (keys {@code spi-events-listener--account-lifecycle--odoo-*}).
 */
public final class OdooSync implements ServerPart, OdooServerOptions {

    static final String POLL = "odoo-poll-interval-millis";
    static final String BATCH = "odoo-batch-size";
    static final String BACKOFF_BASE = "odoo-backoff-base-millis";
    static final String BACKOFF_CAP = "odoo-backoff-cap-millis";
    static final String LEASE = "odoo-lease-seconds";
    static final String WRITERS = "odoo-write-threads";
    static final String LANES = "odoo-delivery-lanes";
    static final OdooWorker.Options DEFAULTS = new OdooWorker.Options(1000, 200, 2000, 300_000, 60, 8, 2);

    private final OdooWorker.Options options;
    private final HostPolicy allowedHosts;
    private OdooWorker worker;

    OdooSync(OdooWorker.Options options, HostPolicy allowedHosts) {
        this.options = options;
        this.allowedHosts = allowedHosts;
    }

    /** Reads the options; {@code optionPrefix} names them in the message of a bad value, which stops the server. */
    public static OdooSync of(Config.Scope config, String optionPrefix) {
        return new OdooSync(new OdooWorker.Options(
                ServerOptions.positive(config, optionPrefix, POLL, DEFAULTS.pollMillis()),
                (int) ServerOptions.positive(config, optionPrefix, BATCH, DEFAULTS.batchSize()),
                ServerOptions.positive(config, optionPrefix, BACKOFF_BASE, DEFAULTS.backoffBaseMillis()),
                ServerOptions.positive(config, optionPrefix, BACKOFF_CAP, DEFAULTS.backoffCapMillis()),
                (int) ServerOptions.positive(config, optionPrefix, LEASE, DEFAULTS.leaseSeconds()),
                (int) ServerOptions.positive(config, optionPrefix, WRITERS, DEFAULTS.writeThreads()),
                (int) ServerOptions.positive(config, optionPrefix, LANES, DEFAULTS.lanes())),
                HostPolicy.parse(config.get(HostPolicy.OPTION)));
    }

    @Override
    public HostPolicy odooAllowedHosts() {
        return allowedHosts;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        worker = new OdooWorker(factory, options, allowedHosts);
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
                .helpText("Milliseconds between two polls of the Odoo outbox; every node polls.")
                .defaultValue(DEFAULTS.pollMillis()).add()
                .property().name(BATCH).type("int")
                .helpText("Users a node claims and sends to Odoo in one batch.")
                .defaultValue(DEFAULTS.batchSize()).add()
                .property().name(BACKOFF_BASE).type("long")
                .helpText("Wait after a first failed delivery; it doubles with every further failure.")
                .defaultValue(DEFAULTS.backoffBaseMillis()).add()
                .property().name(BACKOFF_CAP).type("long")
                .helpText("The longest wait between two delivery attempts.")
                .defaultValue(DEFAULTS.backoffCapMillis()).add()
                .property().name(LEASE).type("int")
                .helpText("Seconds a node holds the rows it claimed; a crashed node's rows are claimed again after it.")
                .defaultValue(DEFAULTS.leaseSeconds()).add()
                .property().name(WRITERS).type("int")
                .helpText("Concurrent Odoo writes per node.")
                .defaultValue(DEFAULTS.writeThreads()).add()
                .property().name(LANES).type("int")
                .helpText("Batches a node delivers at once, each on its own Odoo connection.")
                .defaultValue(DEFAULTS.lanes()).add()
                .property().name(HostPolicy.OPTION).type("string")
                .helpText("The Odoo hosts realms may sync to, comma-separated: host names or IP addresses, *.domain, *, "
                        + "and the keywords loopback and link-local. Empty: none. Loopback and link-local (cloud metadata) "
                        + "addresses are refused unless listed as such.")
                .defaultValue("").add();
    }

    @Override
    public void info(Map<String, String> info) {
        info.put(POLL, Long.toString(options.pollMillis()));
        info.put(BATCH, Integer.toString(options.batchSize()));
        info.put(LANES, Integer.toString(options.lanes()));
        info.put(HostPolicy.OPTION, allowedHosts.toString());
    }
}
