package nl.accountlifecycle.activation;

import java.time.Instant;
import java.util.List;

import nl.accountlifecycle.support.Clock;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionTask;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.jpa.entities.UserAttributeEntity;
import org.keycloak.models.jpa.entities.UserEntity;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Marks pending invitations whose link has expired as {@code expired}, so that the admin console's user
 * details show it. Its cost grows with the number of pending users, not with the realm size.
 * <p>
 * An administrator may resend a link while the scan runs. So the scan only lists candidates; each one is then
 * taken in a transaction of its own that locks the user's row (as {@link ActivationState#markSent} does), reads the
 * state again from the database, and writes {@code expired} only if the link it finds there has expired.
 */
final class ExpiryScan implements KeycloakSessionTask {

    private record Candidate(String realmId, String userId) {
    }

    @Override
    public void run(KeycloakSession session) {
        Instant now = Clock.now();
        List<Candidate> candidates = new java.util.ArrayList<>();
        for (RealmModel realm : session.realms().getRealmsStream().toList()) {
            session.getContext().setRealm(realm); // the user store resolves per-realm settings from the context
            session.users()
                    .searchForUserByUserAttributeStream(realm, ActivationState.STATUS, ActivationState.Status.PENDING.wire())
                    .filter(user -> ActivationState.status(user, now) == ActivationState.Status.EXPIRED)
                    .forEach(user -> candidates.add(new Candidate(realm.getId(), user.getId())));
        }
        session.getContext().setRealm(null);
        for (Candidate candidate : candidates) {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(),
                    own -> expireIfStillDue(own, candidate, now));
        }
    }

    private static void expireIfStillDue(KeycloakSession session, Candidate candidate, Instant now) {
        RealmModel realm = session.realms().getRealm(candidate.realmId());
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        UserEntity row = ActivationState.lock(session, candidate.userId());
        if (row != null && !stillDue(row, now)) {
            return; // resent or activated since the candidates were listed
        }
        UserModel user = session.users().getUserById(realm, candidate.userId());
        if (user != null && ActivationState.status(user, now) == ActivationState.Status.EXPIRED) {
            user.setSingleAttribute(ActivationState.STATUS, ActivationState.Status.EXPIRED.wire());
        }
    }

    /** The state as the database has it under the lock, not as a cache may still hold it. */
    private static boolean stillDue(UserEntity row, Instant now) {
        String status = null;
        String expiresAt = null;
        for (UserAttributeEntity attribute : row.getAttributes()) {
            if (ActivationState.STATUS.equals(attribute.getName())) {
                status = attribute.getValue();
            } else if (ActivationState.EXPIRES_AT.equals(attribute.getName())) {
                expiresAt = attribute.getValue();
            }
        }
        return ActivationState.Status.PENDING.wire().equals(status)
                && ActivationState.status(status, expiresAt, now) == ActivationState.Status.EXPIRED;
    }
}
