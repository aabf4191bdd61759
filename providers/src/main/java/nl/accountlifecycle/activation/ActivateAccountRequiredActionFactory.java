package nl.accountlifecycle.activation;

import java.util.List;
import java.util.Map;

import nl.accountlifecycle.support.BundleProviderFactory;
import nl.accountlifecycle.support.ClusterOnce;
import nl.accountlifecycle.support.RequiredActions;
import nl.accountlifecycle.support.ScheduledWork;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public final class ActivateAccountRequiredActionFactory extends BundleProviderFactory implements RequiredActionFactory {

    static final String EXPIRY_SCAN_INTERVAL = "expiry-scan-interval";
    static final long DEFAULT_EXPIRY_SCAN_SECONDS = 300;
    private static final ActivateAccountRequiredAction INSTANCE = new ActivateAccountRequiredAction();

    private long expiryScanSeconds = DEFAULT_EXPIRY_SCAN_SECONDS;
    private ScheduledWork expiryScan;

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return INSTANCE;
    }

    @Override
    public String getDisplayText() {
        return "Activate account";
    }

    /** Nothing to configure per realm; the scan interval above is a server-wide option. */
    @Override
    public boolean isConfigurable() {
        return false;
    }

    /**
     * Not one-time for Keycloak: a console link for this action may be opened again, so that once it is used the
     * page can say "already activated" instead of Keycloak's "action expired". It still activates once, because
     * the page refuses an activated user, a replaced link and a changed address, on open and on submit.
     */
    @Override
    public boolean isOneTimeAction() {
        return false;
    }

    @Override
    public void init(Config.Scope config) {
        long seconds = config.getLong(EXPIRY_SCAN_INTERVAL, DEFAULT_EXPIRY_SCAN_SECONDS);
        if (seconds <= 0) {
            throw new IllegalArgumentException("spi-required-action--activate-account--" + EXPIRY_SCAN_INTERVAL
                    + " must be a positive number of seconds, got " + seconds);
        }
        this.expiryScanSeconds = seconds;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        RequiredActions.registerEverywhere(factory, ActivateAccountRequiredAction.PROVIDER_ID, getDisplayText(), 5);
        expiryScan = ClusterOnce.scheduleAfterStartup(factory, "account-lifecycle-activation-expiry",
                expiryScanSeconds * 1000, new ExpiryScan());
    }

    @Override
    public void close() {
        if (expiryScan != null) {
            expiryScan.close();
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(EXPIRY_SCAN_INTERVAL).type("long")
                .helpText("Seconds between two scans that mark pending invitations with an expired link as expired.")
                .defaultValue(DEFAULT_EXPIRY_SCAN_SECONDS).add()
                .build();
    }


    @Override
    public String getId() {
        return ActivateAccountRequiredAction.PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new java.util.LinkedHashMap<>(super.getOperationalInfo());
        info.put(EXPIRY_SCAN_INTERVAL, Long.toString(expiryScanSeconds));
        return info;
    }
}
