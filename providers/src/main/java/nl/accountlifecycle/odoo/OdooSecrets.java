package nl.accountlifecycle.odoo;

import jakarta.persistence.EntityManager;
import nl.accountlifecycle.support.Clock;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Where a realm's Odoo API key lives: {@link OdooSecretEntity}. Earlier versions kept it in the realm attribute
 * {@value #LEGACY_ATTRIBUTE}, readable by {@code view-realm}; such a key is moved here and the attribute removed,
 * at startup for every realm and again whenever the settings are read (a realm import or a realm PUT may bring
 * the attribute back). A key already stored here wins over an attribute that reappears.
 */
final class OdooSecrets {

    private static final Logger LOG = Logger.getLogger(OdooSecrets.class);
    static final String LEGACY_ATTRIBUTE = OdooSettings.PREFIX + "apiKey";

    private OdooSecrets() {
    }

    /**
     * The realm's key, if it was given for this URL's host: when the URL's host changed behind the admin REST (a
     * realm PUT of the attributes), the key counts as cleared and is never sent to the new host.
     */
    static String apiKey(KeycloakSession session, RealmModel realm, String url) {
        migrate(session, realm);
        OdooSecretEntity secret = OdooWorker.em(session).find(OdooSecretEntity.class, realm.getId());
        return secret == null || !java.util.Objects.equals(secret.getKeyHost(), OdooSettings.keyHost(url)) ? null : secret.getApiKey();
    }

    /** Stores the key for the URL's host, or removes it when {@code apiKey} is null. */
    static void store(KeycloakSession session, RealmModel realm, String apiKey, String keyHost) {
        realm.removeAttribute(LEGACY_ATTRIBUTE);
        EntityManager em = OdooWorker.em(session);
        OdooSecretEntity secret = em.find(OdooSecretEntity.class, realm.getId());
        if (apiKey == null) {
            if (secret != null) {
                em.remove(secret);
            }
            return;
        }
        if (secret == null) {
            secret = new OdooSecretEntity(realm.getId());
            secret.setApiKey(apiKey, keyHost, Clock.millis());
            em.persist(secret);
        } else {
            secret.setApiKey(apiKey, keyHost, Clock.millis());
        }
    }

    /** Moves a key found in the legacy realm attribute into the table; returns whether there was one. */
    static boolean migrate(KeycloakSession session, RealmModel realm) {
        String legacy = realm.getAttribute(LEGACY_ATTRIBUTE);
        if (legacy == null) {
            return false;
        }
        EntityManager em = OdooWorker.em(session);
        if (!legacy.isBlank() && em.find(OdooSecretEntity.class, realm.getId()) == null) {
            store(session, realm, legacy.strip(), OdooSettings.keyHost(realm.getAttribute(OdooSettings.PREFIX + "url")));
            LOG.infof("moved the Odoo API key of realm %s from its realm attributes into AL_ODOO_SECRET", realm.getName());
        } else {
            realm.removeAttribute(LEGACY_ATTRIBUTE);
            LOG.infof("removed a stale Odoo API key from the realm attributes of realm %s", realm.getName());
        }
        return true;
    }

    static void migrateAll(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session ->
                session.realms().getRealmsStream().toList().forEach(realm -> migrate(session, realm)));
    }
}
