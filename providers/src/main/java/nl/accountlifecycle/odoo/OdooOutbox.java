package nl.accountlifecycle.odoo;

import java.util.UUID;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Writes an outbox row for every user change Odoo must hear of, in the transaction of that change: if the change
 * rolls back, so does the row. Nothing here talks to Odoo; a request never waits for it.
 */
public final class OdooOutbox {

    private OdooOutbox() {
    }

    public static void onEvent(KeycloakSession session, Event event) {
        String kind = switch (event.getType()) {
            case REGISTER -> "created";
            case UPDATE_PROFILE -> "profile";
            case UPDATE_EMAIL -> "email_confirmed";
            case DELETE_ACCOUNT -> "deleted";
            default -> null;
        };
        if (kind != null && event.getUserId() != null) {
            enqueue(session, event.getRealmId(), event.getUserId(), kind);
        }
    }

    public static void onAdminEvent(KeycloakSession session, AdminEvent event) {
        if (event.getResourcePath() == null) {
            return;
        }
        String[] path = event.getResourcePath().split("/");
        if (path.length < 2 || !"users".equals(path[0])) {
            return;
        }
        String kind = null;
        // partialImport reports each user it adds or overwrites as a REALM event on users/{id}
        boolean partialImport = event.getResourceType() == ResourceType.REALM && path.length == 2
                && (event.getOperationType() == OperationType.CREATE || event.getOperationType() == OperationType.UPDATE);
        if (partialImport) {
            kind = "imported";
        } else if (event.getResourceType() == ResourceType.USER && path.length == 2) {
            kind = switch (event.getOperationType()) {
                case CREATE -> "created";
                case UPDATE -> "updated";
                case DELETE -> "deleted";
                default -> null;
            };
        } else if (event.getResourceType() == ResourceType.GROUP_MEMBERSHIP
                && (event.getOperationType() == OperationType.CREATE || event.getOperationType() == OperationType.DELETE)) {
            kind = "groups";
        }
        if (kind != null) {
            enqueue(session, event.getRealmId(), path[1], kind);
        }
    }

    /**
     * Queues the user for delivery again: the user's failed and dead rows become due now with their attempts reset,
     * and a {@code resync} row is added, in the caller's transaction. Returns false when the realm's sync is off.
     */
    public static boolean resync(KeycloakSession session, RealmModel realm, String userId) {
        if (!OdooSettings.enabled(realm)) {
            return false;
        }
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        long now = System.currentTimeMillis();
        em.createQuery("select o from OutboxEntity o where o.realmId = :realm and o.userId = :user"
                        + " and (o.status = 'DEAD' or o.attempts > 0)", OutboxEntity.class)
                .setParameter("realm", realm.getId()).setParameter("user", userId)
                .getResultStream().forEach(row -> row.retry(now));
        return enqueue(session, realm.getId(), userId, "resync");
    }

    /** Adds a row for the user when the realm's Odoo sync is enabled; returns whether it did. */
    public static boolean enqueue(KeycloakSession session, String realmId, String userId, String kind) {
        RealmModel realm = realmId == null ? null : session.realms().getRealm(realmId);
        if (realm == null || !OdooSettings.enabled(realm)) {
            return false;
        }
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        em.persist(new OutboxEntity(UUID.randomUUID().toString(), realmId, userId, kind, System.currentTimeMillis()));
        return true;
    }
}
