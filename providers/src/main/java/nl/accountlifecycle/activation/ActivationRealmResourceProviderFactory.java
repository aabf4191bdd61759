package nl.accountlifecycle.activation;

import jakarta.ws.rs.Path;
import nl.accountlifecycle.password.PasswordRulesResource;
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

    /** The public root: the self-service activation resend, the landing after activation and the password rules for the checklist. */
    public static final class Root {
        private final KeycloakSession session;

        Root(KeycloakSession session) {
            this.session = session;
        }

        @Path("activation")
        public SelfServiceResend activation() {
            return new SelfServiceResend(session, session.getContext().getRealm());
        }

        @Path("landing")
        public ActivationLanding landing() {
            return new ActivationLanding(session, session.getContext().getRealm());
        }

        @Path("password-rules")
        public PasswordRulesResource passwordRules() {
            return new PasswordRulesResource(session, session.getContext().getRealm());
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
