package nl.accountlifecycle.events;

import java.util.List;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Deletes a realm's rows from every table of the bundle when the realm is removed, in the transaction that removes
 * it: they hold user ids, addresses' traces and keys of a realm that no longer exists. Every entity with a
 * {@code realmId} belongs in {@link #ENTITIES}; a new table of the bundle is added here.
 */
final class RealmRemoval {

    private static final Logger LOG = Logger.getLogger(RealmRemoval.class);

    /** JPA entity names of the bundle's tables, each with a {@code realmId} field. */
    static final List<String> ENTITIES = List.of(
            "OutboxEntity",            // AL_ODOO_OUTBOX
            "SyncStateEntity",         // AL_ODOO_SYNC_STATE
            "OdooSecretEntity",        // AL_ODOO_SECRET
            "PasswordReminderEntity",  // AL_PASSWORD_REMINDER
            "TargetEntity",            // AL_TARGET
            "ChangeEntity",            // AL_TARGET_CHANGE
            "DeliveryEntity",          // AL_TARGET_DELIVERY
            "TargetLinkEntity");       // AL_TARGET_LINK

    private RealmRemoval() {
    }

    static void register(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                EntityManager em = removed.getKeycloakSession().getProvider(JpaConnectionProvider.class).getEntityManager();
                String realmId = removed.getRealm().getId();
                int rows = 0;
                for (String entity : ENTITIES) {
                    rows += em.createQuery("delete from " + entity + " e where e.realmId = :realm")
                            .setParameter("realm", realmId).executeUpdate();
                }
                LOG.debugf("realm %s removed: deleted %d rows of the bundle's tables", realmId, rows);
            }
        });
    }
}
