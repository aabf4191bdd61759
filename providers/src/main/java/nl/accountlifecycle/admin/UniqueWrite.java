package nl.accountlifecycle.admin;

import jakarta.persistence.PersistenceException;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;

/**
 * Writes the request's changes to the database before answering, so that a unique constraint hit by a parallel
 * request (two admins giving two users one address) is a 409 for the loser instead of a 500 at commit. The
 * whole transaction is then rolled back: nothing of the refused request stays.
 */
public final class UniqueWrite {

    private UniqueWrite() {
    }

    public static void flushOrConflict(KeycloakSession session, String field, String error, String message) {
        try {
            session.getProvider(JpaConnectionProvider.class).getEntityManager().flush();
        } catch (ModelDuplicateException | PersistenceException e) {
            session.getTransactionManager().setRollbackOnly();
            throw ApiError.conflict(field, error, message);
        }
    }
}
