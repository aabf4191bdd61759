package nl.accountlifecycle.targets;

import java.util.List;

import nl.accountlifecycle.support.BundleProviderFactory;
import nl.accountlifecycle.support.BundleTables;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

/** The provisioning targets' tables, created by Keycloak at startup from the bundle's Liquibase changelog. */
public final class TargetsJpaEntityProviderFactory extends BundleProviderFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "account-lifecycle-targets";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new BundleTables(PROVIDER_ID, "META-INF/account-lifecycle/targets-changelog-master.xml",
                List.of(TargetEntity.class, ChangeEntity.class, DeliveryEntity.class, TargetLinkEntity.class));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
