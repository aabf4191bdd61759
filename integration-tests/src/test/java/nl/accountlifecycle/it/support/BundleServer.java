package nl.accountlifecycle.it.support;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/** A Keycloak distribution with the bundle's two jars in {@code providers/}, as an organisation installs it. */
public final class BundleServer implements KeycloakServerConfig {

    public static final String GROUP_ID = "nl.accountlifecycle";
    public static final String PROVIDERS_ARTIFACT = "account-lifecycle-providers";
    public static final String THEMES_ARTIFACT = "account-lifecycle-themes";

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        return config
                .dependency(GROUP_ID, PROVIDERS_ARTIFACT)
                .dependency(GROUP_ID, THEMES_ARTIFACT)
                // scan for expired invitations every 2 s instead of 5 min, so tests see it happen
                .spiOption("required-action", "activate-account", "expiry-scan-interval", "2")
                // poll the Odoo outbox often and back off briefly, so tests see deliveries and retries quickly
                .spiOption("events-listener", "account-lifecycle", "odoo-poll-interval-millis", "300")
                .spiOption("events-listener", "account-lifecycle", "odoo-backoff-base-millis", "200")
                .spiOption("events-listener", "account-lifecycle", "odoo-backoff-cap-millis", "1000")
                .option("metrics-enabled", "true");
    }
}
