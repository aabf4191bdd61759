package nl.accountlifecycle.password;

import java.util.List;
import java.util.Map;

import nl.accountlifecycle.support.BundleProviderFactory;
import nl.accountlifecycle.support.RequiredActions;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The login warning before a password expires. Per realm, the number of days is set in the admin console
 * (Authentication, Required actions, configure); the server-wide default comes from
 * {@code --spi-required-action--password-expiry-warning--warning-days}.
 */
public final class PasswordExpiryWarningFactory extends BundleProviderFactory implements RequiredActionFactory {

    public static final String WARNING_DAYS = "warning-days";
    static final int DEFAULT_WARNING_DAYS = 7;

    private int defaultWarningDays = DEFAULT_WARNING_DAYS;

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new PasswordExpiryWarning(defaultWarningDays);
    }

    @Override
    public String getId() {
        return PasswordExpiryWarning.PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Password expiry warning";
    }

    @Override
    public void init(Config.Scope config) {
        int days = config.getInt(WARNING_DAYS, DEFAULT_WARNING_DAYS);
        if (days <= 0) {
            throw new IllegalArgumentException("spi-required-action--password-expiry-warning--" + WARNING_DAYS
                    + " must be a positive number of days, got " + days);
        }
        defaultWarningDays = days;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // after Keycloak's own actions, so that a forced password change comes first
        RequiredActions.registerEverywhere(factory, getId(), getDisplayText(), 200);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(WARNING_DAYS).type(ProviderConfigProperty.STRING_TYPE)
                .label("Warning days")
                .helpText("Warn at login this many days before the password expires (forceExpiredPasswordChange).")
                .defaultValue(String.valueOf(defaultWarningDays)).add()
                .build();
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        String value = model.getConfigValue(WARNING_DAYS);
        if (value == null || value.isBlank()) {
            return;
        }
        int days;
        try {
            days = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ModelValidationException(WARNING_DAYS + " must be a whole number of days, got '" + value + "'");
        }
        int policyDays = PasswordExpiry.policyDays(realm);
        if (days <= 0 || (policyDays > 0 && days >= policyDays)) {
            throw new ModelValidationException(WARNING_DAYS + " must be between 1 and "
                    + (policyDays > 0 ? policyDays - 1 : "the policy's days") + ", got " + days);
        }
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new java.util.LinkedHashMap<>(super.getOperationalInfo());
        info.put(WARNING_DAYS, Integer.toString(defaultWarningDays));
        return info;
    }
}
