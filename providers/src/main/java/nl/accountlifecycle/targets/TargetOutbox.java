package nl.accountlifecycle.targets;

import java.util.UUID;

import jakarta.persistence.EntityManager;
import nl.accountlifecycle.odoo.ChangeKind;
import nl.accountlifecycle.odoo.OdooOutbox;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.LifecycleEvent;
import nl.accountlifecycle.support.LifecycleEventHandler;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Writes one {@link ChangeEntity} for every user change the realm's targets must hear of, in the transaction of that
 * change, and only when the realm has an enabled target. One row however many targets: the worker fans it out.
 */
public final class TargetOutbox implements LifecycleEventHandler {

    @Override
    public void handle(LifecycleEvent event) {
        ChangeKind kind = OdooOutbox.changeOf(event);
        if (kind != null && event.userId() != null) {
            enqueue(event.session(), event.realmId(), event.userId(), kind);
        }
    }

    /** Adds a change row when the realm has an enabled target; returns whether it did. */
    public static boolean enqueue(KeycloakSession session, String realmId, String userId, ChangeKind kind) {
        if (realmId == null) {
            return false;
        }
        EntityManager em = em(session);
        if (!TargetQueries.anyEnabled(em, realmId)) {
            return false;
        }
        em.persist(new ChangeEntity(UUID.randomUUID().toString(), realmId, userId, kind.wire(), Clock.millis()));
        return true;
    }

    static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
