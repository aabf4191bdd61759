package nl.accountlifecycle.odoo;

import java.util.List;

import nl.accountlifecycle.support.BundleProviderFactory;
import nl.accountlifecycle.support.BundleTables;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

/** The Odoo outbox, sync-state and API-key tables, created by Keycloak at startup from the bundle's Liquibase changelog. */
public final class OdooJpaEntityProviderFactory extends BundleProviderFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "account-lifecycle-odoo";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new BundleTables(PROVIDER_ID, "META-INF/account-lifecycle/odoo-changelog-master.xml", List.of(OutboxEntity.class, SyncStateEntity.class, OdooSecretEntity.class));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
