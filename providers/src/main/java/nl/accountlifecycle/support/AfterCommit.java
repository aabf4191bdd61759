package nl.accountlifecycle.support;

import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionTask;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Work with effects outside the database (HTTP to clients, mail) that must only happen once the caller's
 * transaction has committed, and never for a rolled-back change. It runs in a fresh transaction with the
 * caller's context; a failure is logged with {@code what} (ids only, never addresses) and never swallowed silently.
 */
public final class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class);

    private AfterCommit() {
    }

    public static void run(KeycloakSession session, String what, KeycloakSessionTask task) {
        KeycloakContext context = session.getContext();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), context, task);
                } catch (RuntimeException e) {
                    LOG.warnf("%s failed after commit: %s", what, e.getMessage());
                }
            }

            @Override
            protected void rollbackImpl() {
                // the change was rolled back, so nothing follows from it
            }
        });
    }
}
