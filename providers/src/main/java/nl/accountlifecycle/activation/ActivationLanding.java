package nl.accountlifecycle.activation;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.services.Urls;
import org.keycloak.services.util.ResolveRelative;

/**
 * {@code /realms/{realm}/account-lifecycle/landing}: where a link's flow ends after activation.
 * <p>
 * The flow that an emailed link starts was never started by the client, so an authorization code sent to the
 * client would be one it did not ask for (no state, no PKCE); the account console then fails with
 * "invalid redirect_uri". Instead the flow ends here, with the new SSO session in place, and this page sends the
 * browser on to the client's own URL: the client starts its own login, which the SSO session answers at once.
 * The code this page receives is ignored; it expires unused.
 */
public final class ActivationLanding {

    static final String CLIENT = "client_id";
    static final String TARGET = "target";

    private final KeycloakSession session;
    private final RealmModel realm;

    ActivationLanding(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The landing URL for a flow of {@code client}, going on to {@code targetOrNull} if that is one of its redirect URIs. */
    static String url(KeycloakSession session, RealmModel realm, ClientModel client, String targetOrNull) {
        UriBuilder builder = session.getContext().getUri().getBaseUriBuilder()
                .path("realms/{realm}/account-lifecycle/landing");
        if (client != null) {
            builder.queryParam(CLIENT, client.getClientId());
        }
        if (targetOrNull != null) {
            builder.queryParam(TARGET, targetOrNull);
        }
        return builder.build(realm.getName()).toString();
    }

    @GET
    public Response land(@QueryParam(CLIENT) String clientId, @QueryParam(TARGET) String target) {
        return Response.seeOther(URI.create(destination(clientId, target)))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    /** The target if the client allows it as a redirect, else the client's base URL, else the account console. */
    String destination(String clientId, String target) {
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        if (client != null && client.isEnabled()) {
            if (target != null) {
                String verified = RedirectUtils.verifyRedirectUri(session, target, client);
                if (verified != null) {
                    return verified;
                }
            }
            String base = ResolveRelative.resolveRelativeUri(session, client.getRootUrl(), client.getBaseUrl());
            if (base != null && !base.isBlank() && !Constants.ADMIN_CLI_CLIENT_ID.equals(client.getClientId())) {
                return base;
            }
        }
        return Urls.accountBase(session.getContext().getUri().getBaseUri()).build(realm.getName()) + "/";
    }
}
