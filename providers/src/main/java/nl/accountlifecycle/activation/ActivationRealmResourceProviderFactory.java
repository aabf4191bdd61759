package nl.accountlifecycle.activation;

import jakarta.ws.rs.Path;
import nl.accountlifecycle.support.BundleProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts the bundle's public pages under {@code /realms/{realm}/account-lifecycle}. */
public final class ActivationRealmResourceProviderFactory extends BundleProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "account-lifecycle";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new Root(session);
            }

            @Override
            public void close() {
            }
        };
    }

    /** The public root; only the self-service activation resend lives here. */
    public static final class Root {
        private final KeycloakSession session;

        Root(KeycloakSession session) {
            this.session = session;
        }

        @Path("activation")
        public SelfServiceResend activation() {
            return new SelfServiceResend(session, session.getContext().getRealm());
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
