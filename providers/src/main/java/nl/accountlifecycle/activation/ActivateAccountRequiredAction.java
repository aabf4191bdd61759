package nl.accountlifecycle.activation;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import nl.accountlifecycle.password.PasswordRules;
import nl.accountlifecycle.support.Clock;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ModelException;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.validation.Validation;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The activation page: greets the user, shows the realm's password rules as a live checklist, and on a
 * valid password sets it, marks the email verified and the account activated.
 */
public final class ActivateAccountRequiredAction implements RequiredActionProvider {

    public static final String PROVIDER_ID = "activate-account";
    /** Set by {@link ActivationTokenHandler}: the link id of the link that opened this page. */
    static final String NOTE_LINK_ID = "accountLifecycle.activation.linkId";
    /** Set by {@link ActivationTokenHandler}: the address the link was sent to. */
    static final String NOTE_EMAIL = "accountLifecycle.activation.email";
    /** Set by {@link ActivationTokenHandler}: epoch seconds after which the link no longer activates. */
    static final String NOTE_DEADLINE = "accountLifecycle.activation.deadline";
    /** Set by {@link ActivationTokenHandler}: the invitation's redirect, if it had one. */
    static final String NOTE_TARGET = "accountLifecycle.activation.target";
    static final String DETAIL_ACTION = "account_lifecycle";
    static final String TEMPLATE = "activate-account.ftl";

    @Override
    public void evaluateTriggers(org.keycloak.authentication.RequiredActionContext context) {
        // only set by an admin, an invitation or the activation link
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        Response refusal = refusal(context);
        context.challenge(refusal != null ? refusal : form(context).createForm(TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        Response refusal = refusal(context);
        if (refusal != null) {
            context.challenge(refusal);
            return;
        }
        UserModel user = context.getUser();
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        String password = formData.getFirst("password-new");
        String confirm = formData.getFirst("password-confirm");
        EventBuilder errorEvent = context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR)
                .detail(Details.CUSTOM_REQUIRED_ACTION, PROVIDER_ID);

        if (Validation.isBlank(password)) {
            context.challenge(form(context).addError(new FormMessage(Validation.FIELD_PASSWORD, Messages.MISSING_PASSWORD)).createForm(TEMPLATE));
            errorEvent.error(Errors.PASSWORD_MISSING);
            return;
        }
        if (!password.equals(confirm)) {
            context.challenge(form(context).addError(new FormMessage(Validation.FIELD_PASSWORD_CONFIRM, Messages.NOTMATCH_PASSWORD)).createForm(TEMPLATE));
            errorEvent.error(Errors.PASSWORD_CONFIRM_ERROR);
            return;
        }
        try {
            user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        } catch (ModelException rejected) {
            errorEvent.detail(Details.REASON, rejected.getMessage()).error(Errors.PASSWORD_REJECTED);
            context.challenge(form(context)
                    .addError(new FormMessage(Validation.FIELD_PASSWORD, rejected.getMessage(), rejected.getParameters()))
                    .createForm(TEMPLATE));
            return;
        }

        user.setEmailVerified(true);
        user.removeRequiredAction(UserModel.RequiredAction.VERIFY_EMAIL);
        user.removeRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
        ActivationState.markActivated(context.getSession(), user, Clock.now());
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION)
                .detail(Details.CUSTOM_REQUIRED_ACTION, PROVIDER_ID)
                .detail(DETAIL_ACTION, "activation_completed")
                .success();
        landLoggedIn(context);
        context.success();
    }

    /**
     * A themed page instead of the form when this user must not activate now, or null. Asked when the page opens
     * AND when it is submitted, because the world may change in between: an admin may replace the link, change the
     * address or disable the user while the form is open.
     */
    private static Response refusal(RequiredActionContext context) {
        UserModel user = context.getUser();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (ActivationState.isActivated(user)) {
            return info(context, ActivationTokenHandler.MSG_ALREADY_ACTIVATED);
        }
        if (!user.isEnabled()) {
            return info(context, Messages.ACCOUNT_DISABLED);
        }
        String linkId = authSession.getAuthNote(NOTE_LINK_ID);
        if (linkId != null) {
            if (!linkId.equals(ActivationState.linkId(user))) {
                return info(context, ActivationTokenHandler.MSG_REPLACED);
            }
            if (!sameAddress(authSession.getAuthNote(NOTE_EMAIL), user.getEmail())) {
                return info(context, ActivationTokenHandler.MSG_EMAIL_CHANGED);
            }
            if (Clock.seconds() >= parseLong(authSession.getAuthNote(NOTE_DEADLINE))) {
                return SelfServiceResend.expiredPage(context.getSession(), context.getRealm());
            }
            return null;
        }
        // an execute-actions link from the console: Keycloak checked it on open; check its address and age again
        JsonWebToken consoleToken = ConsoleLink.token(authSession);
        if (consoleToken != null) {
            Object email = consoleToken.getOtherClaims().get("eml");
            if (email != null && !sameAddress(email.toString(), user.getEmail())) {
                return info(context, ActivationTokenHandler.MSG_EMAIL_CHANGED);
            }
            if (consoleToken.getExp() != null && Clock.seconds() >= consoleToken.getExp()) {
                return info(context, ActivationTokenHandler.MSG_EXPIRED);
            }
            if (ConsoleLink.isOlderThanLastSend(consoleToken, user)) {
                // issued before the user's latest activation mail
                return info(context, ActivationTokenHandler.MSG_REPLACED);
            }
        }
        return null;
    }

    /**
     * After activation the user must land logged in. The flow an emailed link starts was not started by a client,
     * so it ends on {@link ActivationLanding}, which sends the browser on to the client; that client then starts
     * its own login on the new SSO session. A console link would otherwise end on "account updated" with no way on.
     */
    private static void landLoggedIn(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String target = authSession.getAuthNote(NOTE_TARGET);
        if (target == null && authSession.getAuthNote(AuthenticationManager.SET_REDIRECT_URI_AFTER_REQUIRED_ACTIONS) != null) {
            target = authSession.getRedirectUri(); // a console link with a redirect_uri, verified by Keycloak
        }
        String landing = ActivationLanding.url(context.getSession(), context.getRealm(), authSession.getClient(), target);
        authSession.removeAuthNote(AuthenticationManager.END_AFTER_REQUIRED_ACTIONS);
        authSession.removeAuthNote(AuthenticationManager.SET_REDIRECT_URI_AFTER_REQUIRED_ACTIONS);
        authSession.setRedirectUri(landing);
        authSession.setClientNote(OIDCLoginProtocol.REDIRECT_URI_PARAM, landing);
        authSession.setClientNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM, OAuth2Constants.CODE);
        authSession.removeClientNote(OIDCLoginProtocol.RESPONSE_MODE_PARAM);
    }

    static boolean sameAddress(String a, String b) {
        return a != null && b != null && a.strip().equalsIgnoreCase(b.strip());
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Response info(RequiredActionContext context, String message) {
        LoginFormsProvider form = context.form().setAttribute("messageHeader", ActivationTokenHandler.MSG_TITLE);
        if (!Messages.ACCOUNT_DISABLED.equals(message)) {
            // the way on is signing in (or, for a replaced link, the newest mail)
            form.setAttribute("pageRedirectUri", Urls.accountBase(context.getUriInfo().getBaseUri())
                    .build(context.getRealm().getName()) + "/");
        } else {
            form.setAttribute("skipLink", true);
        }
        return form.setInfo(message).createInfoPage();
    }

    private static LoginFormsProvider form(RequiredActionContext context) {
        UserModel user = context.getUser();
        List<Map<String, String>> rules = PasswordRules.fromPolicy(policyString(context)).stream()
                .map(r -> {
                    Map<String, String> m = new java.util.LinkedHashMap<>();
                    m.put("id", r.id());
                    m.put("messageKey", r.messageKey());
                    m.put("parameter", r.parameter() == null ? "" : r.parameter());
                    m.put("check", r.check());
                    return m;
                })
                .toList();
        return context.form()
                .setAttribute("activationFirstName", user.getFirstName() == null ? "" : user.getFirstName())
                .setAttribute("activationUsername", user.getUsername())
                .setAttribute("activationEmail", user.getEmail() == null ? "" : user.getEmail())
                .setAttribute("passwordRules", rules);
    }

    private static String policyString(RequiredActionContext context) {
        return context.getRealm().getPasswordPolicy() == null ? null : context.getRealm().getPasswordPolicy().toString();
    }

    @Override
    public void close() {
    }
}
