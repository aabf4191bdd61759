package nl.accountlifecycle.emailchange;

import java.util.Map;

import nl.accountlifecycle.support.BundleInfo;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.requiredactions.UpdateEmail;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Keycloak's own update-email action, with one change: a pending, unconfirmed new address no longer forces the
 * update-email step on every login. Keycloak 26.7 adds that step whenever a new address waits for confirmation,
 * which walls the user off (a password grant is even refused with "Account is not fully set up") until they
 * confirm or give up; until confirmation the old address must keep working. Everything else (the form, the
 * confirmation mail to the new address, the link, its checks) stays Keycloak's.
 * <p>
 * It replaces the built-in provider through Keycloak's provider override: the same id with a higher
 * {@link #order()}.
 */
public final class NonBlockingUpdateEmail extends UpdateEmail implements ServerInfoAwareProviderFactory {

    static final int ORDER = 10;

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        if (context.getUser().getFirstAttribute(UserModel.EMAIL_PENDING) != null) {
            return;
        }
        super.evaluateTriggers(context);
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return BundleInfo.get().operationalInfo();
    }
}
