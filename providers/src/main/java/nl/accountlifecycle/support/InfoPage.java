package nl.accountlifecycle.support;

import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/** A themed info page for the end of a link's flow: a title, one message, and a link onwards or none. */
public final class InfoPage {

    private InfoPage() {
    }

    public static Response show(KeycloakSession session, AuthenticationSessionModel authSession, String titleKey,
                                String linkOrNull, String messageKey, Object... parameters) {
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class)
                .setAuthenticationSession(authSession)
                .setAttribute("messageHeader", titleKey)
                .setInfo(messageKey, parameters);
        if (linkOrNull != null) {
            forms.setAttribute("pageRedirectUri", linkOrNull);
        } else {
            forms.setAttribute("skipLink", true);
        }
        return forms.setDetachedAuthSession().createInfoPage();
    }
}
