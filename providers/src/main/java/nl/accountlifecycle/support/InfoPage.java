package nl.accountlifecycle.support;

import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A themed info page for the end of a link's flow: a title, one message, and a link onwards or none. The link
 * leads to signing in (the account console, or where the flow goes next), so the theme labels it "Sign in"
 * instead of Keycloak's "Back to application".
 */
public final class InfoPage {

    /** The attribute the theme's {@code info.ftl} reads for the link's text: a message key. */
    static final String LINK_LABEL = "accountLifecycleLinkLabel";
    static final String SIGN_IN = "accountLifecycle.link.signIn";

    private InfoPage() {
    }

    public static Response show(KeycloakSession session, AuthenticationSessionModel authSession, String titleKey,
                                String linkOrNull, String messageKey, Object... parameters) {
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class)
                .setAuthenticationSession(authSession)
                .setAttribute("messageHeader", titleKey)
                .setInfo(messageKey, parameters);
        if (linkOrNull != null) {
            forms.setAttribute("pageRedirectUri", linkOrNull).setAttribute(LINK_LABEL, SIGN_IN);
        } else {
            forms.setAttribute("skipLink", true);
        }
        return forms.setDetachedAuthSession().createInfoPage();
    }
}
