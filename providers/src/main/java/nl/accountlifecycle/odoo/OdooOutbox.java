package nl.accountlifecycle.odoo;

import java.util.UUID;

import jakarta.persistence.EntityManager;

import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.LifecycleEvent;
import nl.accountlifecycle.support.LifecycleEventHandler;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Writes an outbox row for every user change Odoo must hear of, in the transaction of that change: if the change
 * rolls back, so does the row. Nothing here talks to Odoo; a request never waits for it.
 */
public final class OdooOutbox implements LifecycleEventHandler {

    @Override
    public void handle(LifecycleEvent event) {
        ChangeKind kind = changeOf(event);
        if (kind != null && event.userId() != null) {
            enqueue(event.session(), event.realm(), event.userId(), kind);
        }
    }

    /**
     * The change an application that mirrors users must hear of, or null: the provisioning targets hear of the same
     * changes as Odoo. An email change counts once the new address is confirmed ({@code UPDATE_EMAIL}).
     */
    public static ChangeKind changeOf(LifecycleEvent event) {
        return event.isAdminEvent() ? adminChange(event) : userChange(event);
    }

    static ChangeKind userChange(LifecycleEvent event) {
        if (event.type() == null) {
            return null;
        }
        return switch (event.type()) {
            case REGISTER -> ChangeKind.CREATED;
            case UPDATE_PROFILE -> ChangeKind.PROFILE;
            case UPDATE_EMAIL -> ChangeKind.EMAIL_CONFIRMED;
            case DELETE_ACCOUNT -> ChangeKind.DELETED;
            default -> null;
        };
    }

    static ChangeKind adminChange(LifecycleEvent event) {
        // partialImport reports each user it adds or overwrites as a REALM event on users/{id}
        if (event.onUser(ResourceType.REALM, OperationType.CREATE) || event.onUser(ResourceType.REALM, OperationType.UPDATE)) {
            return ChangeKind.IMPORTED;
        }
        if (event.onUser(ResourceType.USER, OperationType.CREATE)) {
            return ChangeKind.CREATED;
        }
        if (event.onUser(ResourceType.USER, OperationType.UPDATE)) {
            return ChangeKind.UPDATED;
        }
        if (event.onUser(ResourceType.USER, OperationType.DELETE)) {
            return ChangeKind.DELETED;
        }
        if (event.underUser(ResourceType.GROUP_MEMBERSHIP, OperationType.CREATE)
                || event.underUser(ResourceType.GROUP_MEMBERSHIP, OperationType.DELETE)) {
            return ChangeKind.GROUPS;
        }
        return null;
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
        long now = Clock.millis();
        OdooQueries.retryable(em, realm.getId(), userId).forEach(row -> row.retry(now));
        return enqueue(session, realm.getId(), userId, ChangeKind.RESYNC);
    }

    /** Adds a row for the user when the realm's Odoo sync is enabled; returns whether it did. */
    public static boolean enqueue(KeycloakSession session, String realmId, String userId, ChangeKind kind) {
        return enqueue(session, realmId == null ? null : session.realms().getRealm(realmId), userId, kind);
    }

    private static boolean enqueue(KeycloakSession session, RealmModel realm, String userId, ChangeKind kind) {
        if (realm == null || !OdooSettings.enabled(realm)) {
            return false;
        }
        OdooWorker.em(session).persist(new OutboxEntity(UUID.randomUUID().toString(), realm.getId(), userId, kind,
                Clock.millis()));
        return true;
    }
}
