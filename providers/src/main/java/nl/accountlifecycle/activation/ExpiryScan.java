package nl.accountlifecycle.activation;

import java.time.Instant;
import java.util.List;

import nl.accountlifecycle.support.Clock;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionTask;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Marks pending invitations whose link has expired as {@code expired}, so that the admin console's user
 * details show it. Its cost grows with the number of pending users, not with the realm size.
 */
final class ExpiryScan implements KeycloakSessionTask {

    @Override
    public void run(KeycloakSession session) {
        Instant now = Clock.now();
        List<RealmModel> realms = session.realms().getRealmsStream().toList();
        for (RealmModel realm : realms) {
            session.getContext().setRealm(realm); // the user store resolves per-realm settings from the context
            List<UserModel> pending = session.users()
                    .searchForUserByUserAttributeStream(realm, ActivationState.STATUS, ActivationState.Status.PENDING.wire())
                    .toList();
            for (UserModel user : pending) {
                if (ActivationState.status(user, now) == ActivationState.Status.EXPIRED) {
                    user.setSingleAttribute(ActivationState.STATUS, ActivationState.Status.EXPIRED.wire());
                }
            }
        }
        session.getContext().setRealm(null);
    }
}
