package nl.accountlifecycle.activation;

import java.util.Map;

import jakarta.ws.rs.core.Response;
import nl.accountlifecycle.support.BundleInfo;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.InfoPage;
import org.keycloak.TokenVerifier.Predicate;
import org.keycloak.authentication.actiontoken.AbstractActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.authentication.actiontoken.TokenUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Opens the activation page for a valid link. A link that was replaced, already used or expired gets a
 * themed page that says what to do next; nothing about the user changes.
 */
public final class ActivationTokenHandler extends AbstractActionTokenHandler<ActivationToken>
        implements ServerInfoAwareProviderFactory {

    static final String MSG_EMAIL_CHANGED = "accountLifecycle.activation.refused.emailChanged";
    static final String MSG_ALREADY_ACTIVATED = "accountLifecycle.activation.alreadyActivated";
    static final String MSG_REPLACED = "accountLifecycle.activation.replaced";
    static final String MSG_EXPIRED = "accountLifecycle.activation.expired";
    static final String MSG_TITLE = "accountLifecycle.activation.title";

    public ActivationTokenHandler() {
        super(ActivationToken.TOKEN_TYPE, ActivationToken.class, Messages.INVALID_REQUEST,
                EventType.EXECUTE_ACTIONS, Errors.NOT_ALLOWED);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Predicate<? super ActivationToken>[] getVerifiers(ActionTokenContext<ActivationToken> context) {
        return TokenUtils.predicates(
                TokenUtils.checkThat(t -> emailMatches(t, context.getAuthenticationSession().getAuthenticatedUser()),
                        Errors.INVALID_EMAIL, MSG_EMAIL_CHANGED),
                TokenUtils.checkThat(t -> t.getRedirectUri() == null
                                || RedirectUtils.verifyRedirectUri(context.getSession(), t.getRedirectUri(),
                                context.getAuthenticationSession().getClient()) != null,
                        Errors.INVALID_REDIRECT_URI, Messages.INVALID_REDIRECT_URI));
    }

    static boolean emailMatches(ActivationToken token, UserModel user) {
        return user != null && token.getEmail() != null && token.getEmail().equalsIgnoreCase(user.getEmail());
    }

    @Override
    public Response handleToken(ActivationToken token, ActionTokenContext<ActivationToken> context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = authSession.getAuthenticatedUser();
        String loginUrl = accountUrl(context);

        if (ActivationState.isActivated(user)) {
            context.getEvent().detail(Details.REASON, "already_activated").error(Errors.INVALID_TOKEN);
            return infoPage(context, MSG_ALREADY_ACTIVATED, loginUrl);
        }
        if (token.getLinkId() == null || !token.getLinkId().equals(ActivationState.linkId(user))) {
            context.getEvent().detail(Details.REASON, "link_replaced").error(Errors.INVALID_TOKEN);
            return infoPage(context, MSG_REPLACED, loginUrl);
        }
        if (Clock.seconds() >= token.getDeadline()) {
            context.getEvent().detail(Details.REASON, "link_expired").error(Errors.EXPIRED_CODE);
            return SelfServiceResend.expiredPage(context.getSession(), context.getRealm());
        }

        // What the page re-checks when the form is submitted: the link, the address it was sent to, its deadline.
        authSession.removeAuthNote(AuthenticationManager.END_AFTER_REQUIRED_ACTIONS);
        authSession.setAuthNote(ActivateAccountRequiredAction.NOTE_LINK_ID, token.getLinkId());
        authSession.setAuthNote(ActivateAccountRequiredAction.NOTE_EMAIL, token.getEmail());
        authSession.setAuthNote(ActivateAccountRequiredAction.NOTE_DEADLINE, Long.toString(token.getDeadline()));
        if (token.getRedirectUri() != null) {
            authSession.setAuthNote(ActivateAccountRequiredAction.NOTE_TARGET, token.getRedirectUri());
        }
        authSession.addRequiredAction(ActivateAccountRequiredAction.PROVIDER_ID);
        String locale = requestedLocale(context);
        if (locale != null) {
            // the pages after the redirect keep the language the link asked for
            authSession.setAuthNote(LocaleSelectorProvider.USER_REQUEST_LOCALE, locale);
        }

        String next = AuthenticationManager.nextRequiredAction(context.getSession(), authSession,
                context.getRequest(), context.getEvent());
        return AuthenticationManager.redirectToRequiredActions(context.getSession(), context.getRealm(), authSession,
                context.getUriInfo(), next);
    }

    @Override
    public boolean canUseTokenRepeatedly(ActivationToken token, ActionTokenContext<ActivationToken> context) {
        // A second click before activation opens the page again; after activation the link id is gone.
        return true;
    }

    /** The link's {@code kc_locale}, else the first of its {@code ui_locales}, if the realm offers it; else null. */
    static String requestedLocale(ActionTokenContext<ActivationToken> context) {
        var query = context.getUriInfo().getQueryParameters();
        String wanted = query.getFirst(LocaleSelectorProvider.KC_LOCALE_PARAM);
        if (wanted == null && query.getFirst(OIDCLoginProtocol.UI_LOCALES_PARAM) != null) {
            wanted = query.getFirst(OIDCLoginProtocol.UI_LOCALES_PARAM).strip().split("\\s+")[0];
        }
        if (wanted == null || wanted.isBlank() || !context.getRealm().isInternationalizationEnabled()) {
            return null;
        }
        String tag = wanted.strip();
        return context.getRealm().getSupportedLocalesStream().anyMatch(tag::equalsIgnoreCase) ? tag : null;
    }

    private static String accountUrl(ActionTokenContext<ActivationToken> context) {
        return Urls.accountBase(context.getUriInfo().getBaseUri()).build(context.getRealm().getName()).toString() + "/";
    }

    private static Response infoPage(ActionTokenContext<ActivationToken> context, String message, String link) {
        return InfoPage.show(context.getSession(), context.getAuthenticationSession(), MSG_TITLE, link, message);
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return BundleInfo.get().operationalInfo();
    }
}
