package nl.accountlifecycle.support;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** One capability's tables: its JPA entities and the Liquibase changelog Keycloak applies at startup. */
public record BundleTables(String factoryId, String changelog, List<Class<?>> entities) implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return entities;
    }

    @Override
    public String getChangelogLocation() {
        return changelog;
    }

    @Override
    public String getFactoryId() {
        return factoryId;
    }

    @Override
    public void close() {
    }
}
