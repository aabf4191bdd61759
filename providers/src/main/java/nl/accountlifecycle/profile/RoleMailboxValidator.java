package nl.accountlifecycle.profile;

import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.accountlifecycle.support.BundleInfo;
import nl.accountlifecycle.support.EmailAddresses;
import nl.accountlifecycle.support.LifecycleSettings;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ConfiguredProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.validate.AbstractStringValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/**
 * A user-profile validator for the {@code email} attribute: no accounts on role mailboxes ({@code info@},
 * {@code support@}, ...), so that every change can be traced to a person. The refused local parts are a realm
 * setting ({@value LifecycleSettings#ROLE_MAILBOXES}). Added to the attribute in the realm's user profile, it applies
 * wherever an address enters: admin console and admin REST, account console, registration, the bundle's invitation
 * and email change.
 */
public final class RoleMailboxValidator extends AbstractStringValidator
        implements ConfiguredProvider, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "account-lifecycle-role-mailbox";
    /** {0} is the attribute, {1} the refused local part. */
    public static final String MESSAGE = "accountLifecycle.profile.email.roleMailbox";

    @Override
    protected void doValidate(String value, String inputHint, ValidationContext context, ValidatorConfig config) {
        RealmModel realm = context.getSession() == null ? null : context.getSession().getContext().getRealm();
        if (realm == null || value.indexOf('@') < 0) {
            return; // not an address (the email validator says so); nothing to compare
        }
        String local = EmailAddresses.localPart(value);
        Set<String> refused = LifecycleSettings.of(realm).roleMailboxes();
        if (refused.contains(local) || refused.contains(local.split("\\+", 2)[0])) {
            context.addError(new ValidationError(PROVIDER_ID, inputHint, MESSAGE, local));
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Refuses addresses whose local part is a role mailbox (realm attribute "
                + LifecycleSettings.ROLE_MAILBOXES + ", default " + String.join(", ", LifecycleSettings.DEFAULT_ROLE_MAILBOXES)
                + ").";
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return BundleInfo.get().operationalInfo();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
