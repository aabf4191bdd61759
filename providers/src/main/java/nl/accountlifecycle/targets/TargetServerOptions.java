package nl.accountlifecycle.targets;

import nl.accountlifecycle.support.HostPolicy;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.KeycloakSession;

/** Implemented by the provider factory that reads the targets' server-wide options, so the REST resource finds them. */
public interface TargetServerOptions {

    /** The operator's list of hosts webhook targets may point at ({@value TargetSync#HOSTS}). */
    HostPolicy targetHosts();

    /** The list of the provider factory that reads the options; none (every host refused) without one. */
    static HostPolicy hosts(KeycloakSession session) {
        return session.getKeycloakSessionFactory().getProviderFactoriesStream(EventListenerProvider.class)
                .filter(TargetServerOptions.class::isInstance)
                .map(f -> ((TargetServerOptions) f).targetHosts())
                .findFirst().orElse(HostPolicy.parse("", TargetSync.HOSTS, "target host"));
    }
}
