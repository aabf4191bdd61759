package nl.accountlifecycle.emailchange;

import java.util.Map;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import nl.accountlifecycle.support.BundleInfo;
import nl.accountlifecycle.support.InfoPage;
import org.keycloak.authentication.actiontoken.AbstractActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.Urls;
import org.keycloak.services.messages.Messages;

/**
 * Confirms an admin-requested email change when the user opens the link sent to the new address. The link
 * works once (Keycloak records its id), only for the latest request, only before its deadline, and only while
 * no other user has taken the address; otherwise a themed page says why and nothing changes.
 */
public final class EmailChangeTokenHandler extends AbstractActionTokenHandler<EmailChangeToken>
        implements ServerInfoAwareProviderFactory {

    static final String MSG_TITLE = "accountLifecycle.emailChange.title";
    static final String MSG_CONFIRMED = "accountLifecycle.emailChange.confirmed";
    static final String MSG_CONFIRMED_LOGGED_OUT = "accountLifecycle.emailChange.confirmedLoggedOut";
    static final String MSG_REPLACED = "accountLifecycle.emailChange.replaced";
    static final String MSG_EXPIRED = "accountLifecycle.emailChange.expired";
    static final String MSG_TAKEN = "accountLifecycle.emailChange.taken";

    public EmailChangeTokenHandler() {
        super(EmailChangeToken.TOKEN_TYPE, EmailChangeToken.class, Messages.INVALID_REQUEST,
                EventType.UPDATE_EMAIL, Errors.INVALID_TOKEN);
    }

    @Override
    public Response handleToken(EmailChangeToken token, ActionTokenContext<EmailChangeToken> context) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getAuthenticationSession().getAuthenticatedUser();
        String newEmail = token.getEmail();

        if (!user.isEnabled()) {
            context.getEvent().detail(Details.REASON, "user_disabled").error(Errors.USER_DISABLED);
            return page(context, Messages.ACCOUNT_DISABLED, null);
        }
        if (token.getChangeId() == null || !token.getChangeId().equals(EmailChangeState.pendingId(user))
                || !EmailChangeState.sameAddress(newEmail, EmailChangeState.pendingEmail(user))) {
            context.getEvent().detail(Details.REASON, "change_replaced_or_cancelled").error(Errors.INVALID_TOKEN);
            return page(context, MSG_REPLACED, null);
        }
        if (Time.currentTime() >= token.getDeadline()) {
            context.getEvent().detail(Details.REASON, "link_expired").error(Errors.EXPIRED_CODE);
            return page(context, MSG_EXPIRED, null);
        }
        UserModel holder = session.users().getUserByEmail(realm, newEmail);
        if (holder != null && !holder.getId().equals(user.getId())) {
            context.getEvent().detail(Details.REASON, "email_taken_meanwhile").error(Errors.EMAIL_IN_USE);
            return page(context, MSG_TAKEN, null);
        }

        String oldEmail = user.getEmail();
        EmailChangeState.setVerifiedAddress(realm, user, newEmail);
        if (!takeAddress(session)) {
            context.getEvent().detail(Details.REASON, "email_taken_meanwhile").error(Errors.EMAIL_IN_USE);
            return page(context, MSG_TAKEN, null);
        }
        boolean logout = EmailChangeSettings.of(realm).logoutOnConfirm();
        EmailChangeNotice.afterChange(session, realm, user, oldEmail, EmailChangeNotice.Via.CONFIRMED,
                "admin_request_confirmed", logout, context.getEvent().clone());
        String account = Urls.accountBase(context.getUriInfo().getBaseUri()).build(realm.getName()) + "/";
        return page(context, logout ? MSG_CONFIRMED_LOGGED_OUT : MSG_CONFIRMED, account, newEmail);
    }

    /**
     * Writes the new address now, so that a user who confirmed the same address a moment earlier in a parallel
     * request is noticed here (the unique constraint) and nothing of this change is kept.
     */
    private static boolean takeAddress(KeycloakSession session) {
        try {
            session.getProvider(JpaConnectionProvider.class).getEntityManager().flush();
            return true;
        } catch (PersistenceException | ModelDuplicateException e) {
            session.getTransactionManager().setRollbackOnly();
            return false;
        }
    }

    @Override
    public boolean canUseTokenRepeatedly(EmailChangeToken token, ActionTokenContext<EmailChangeToken> context) {
        return false;
    }

    private static Response page(ActionTokenContext<EmailChangeToken> context, String message, String link,
                                 Object... parameters) {
        return InfoPage.show(context.getSession(), context.getAuthenticationSession(), MSG_TITLE, link, message,
                parameters);
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return BundleInfo.get().operationalInfo();
    }
}
