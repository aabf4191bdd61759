package nl.accountlifecycle.activation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import nl.accountlifecycle.password.PasswordRules;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.Constants;
import org.keycloak.representations.JsonWebToken;
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
import org.keycloak.services.messages.Messages;
import org.keycloak.services.validation.Validation;

/**
 * The activation page: greets the user, shows the realm's password rules as a live checklist, and on a
 * valid password sets it, marks the email verified and the account activated.
 */
public final class ActivateAccountRequiredAction implements RequiredActionProvider {

    public static final String PROVIDER_ID = "activate-account";
    /** Set by {@link ActivationTokenHandler}: the link id of the link that opened this page. */
    static final String NOTE_LINK_ID = "accountLifecycle.activation.linkId";
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
        ActivationState.markActivated(user, Instant.now());
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION)
                .detail(Details.CUSTOM_REQUIRED_ACTION, PROVIDER_ID)
                .detail(DETAIL_ACTION, "activation_completed")
                .success();
        context.success();
    }

    /** A themed page instead of the form when this user must not activate now, or null. */
    private static Response refusal(RequiredActionContext context) {
        UserModel user = context.getUser();
        if (ActivationState.isActivated(user)) {
            return info(context, ActivationTokenHandler.MSG_ALREADY_ACTIVATED);
        }
        String linkId = context.getAuthenticationSession().getAuthNote(NOTE_LINK_ID);
        if (linkId != null && !linkId.equals(ActivationState.linkId(user))) {
            return info(context, ActivationTokenHandler.MSG_REPLACED);
        }
        if (linkId == null && isOlderThanLastSend(context.getAuthenticationSession().getAuthNote(Constants.KEY), user)) {
            // an execute-actions link from the console, issued before the user's latest activation mail
            return info(context, ActivationTokenHandler.MSG_REPLACED);
        }
        return null;
    }

    /**
     * Whether the execute-actions token that started this flow is older than the user's latest activation mail.
     * Keycloak's action tokens carry no issue time, but each expires a fixed lifespan after it was made, and the
     * bundle records the expiry of every link it knows of: a token that expires before the latest one is older.
     */
    static boolean isOlderThanLastSend(String tokenString, UserModel user) {
        String expiresAt = user.getFirstAttribute(ActivationState.EXPIRES_AT);
        if (tokenString == null || expiresAt == null) {
            return false;
        }
        try {
            JsonWebToken token = new JWSInput(tokenString).readJsonContent(JsonWebToken.class);
            Long exp = token.getExp();
            // one second of slack: the token and the record are made in the same request
            return exp != null && exp < ActivationState.parseInstant(expiresAt).getEpochSecond() - 1;
        } catch (JWSInputException e) {
            return false;
        }
    }

    private static Response info(RequiredActionContext context, String message) {
        return context.form()
                .setAttribute("messageHeader", ActivationTokenHandler.MSG_TITLE)
                .setAttribute("skipLink", true)
                .setInfo(message)
                .createInfoPage();
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
