package nl.accountlifecycle.it.support;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/** A Keycloak distribution with the bundle's two jars in {@code providers/}, as an organisation installs it. */
public final class BundleServer implements KeycloakServerConfig {

    public static final String GROUP_ID = "nl.accountlifecycle";
    public static final String PROVIDERS_ARTIFACT = "account-lifecycle-providers";
    public static final String THEMES_ARTIFACT = "account-lifecycle-themes";

    /** Keycloak's file vault, as organisations keep the Odoo API key: file {@code <realm>_<name>} holds {@code ${vault.name}}. */
    public static final java.nio.file.Path VAULT_DIR = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "account-lifecycle-it-vault");

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        try {
            java.nio.file.Files.createDirectories(VAULT_DIR);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return config
                .option("vault", "file")
                .option("vault-dir", VAULT_DIR.toString())
                .dependency(GROUP_ID, PROVIDERS_ARTIFACT)
                .dependency(GROUP_ID, THEMES_ARTIFACT)
                // scan for expired invitations every 2 s instead of 5 min, so tests see it happen
                .spiOption("required-action", "activate-account", "expiry-scan-interval", "2")
                // poll the Odoo outbox often and back off briefly, so tests see deliveries and retries quickly
                .spiOption("events-listener", "account-lifecycle", "odoo-poll-interval-millis", "300")
                .spiOption("events-listener", "account-lifecycle", "odoo-backoff-base-millis", "200")
                .spiOption("events-listener", "account-lifecycle", "odoo-backoff-cap-millis", "1000")
                // the Odoo simulator listens on loopback, which the bundle refuses unless the operator allows it
                .spiOption("events-listener", "account-lifecycle", "odoo-allowed-hosts", "loopback")
                // webhook targets: the test receivers listen on loopback; poll often and back off briefly
                .spiOption("events-listener", "account-lifecycle", "targets-allowed-hosts", "loopback")
                .spiOption("events-listener", "account-lifecycle", "targets-poll-interval-millis", "300")
                .spiOption("events-listener", "account-lifecycle", "targets-backoff-base-millis", "200")
                .spiOption("events-listener", "account-lifecycle", "targets-backoff-cap-millis", "1000")
                // Keycloak Workflows: run due steps every 2 s instead of every 12 h, so policy tests see them run
                .spiOption("events-listener", "workflow-event-listener", "step-runner-task-interval", "2s")
                // Keycloak's own SCIM API (preview), so tests can create and deactivate users over it
                .features(org.keycloak.common.Profile.Feature.SCIM_API)
                .option("metrics-enabled", "true");
    }
}
