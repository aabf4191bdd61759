package nl.accountlifecycle.password;

import java.util.List;

import nl.accountlifecycle.support.BundleProviderFactory;
import nl.accountlifecycle.support.BundleTables;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * The password capability's two database parts, applied by Keycloak at startup through its Liquibase changelog:
 * an index on Keycloak's {@code CREDENTIAL(TYPE, CREATED_DATE)}, which the reminder scan and the expiry list need
 * (Keycloak has none, so without it {@link nl.accountlifecycle.support.KeycloakTables} reads the whole credential
 * table), and the bundle's table of reminders sent ({@link PasswordReminderEntity}).
 */
public final class PasswordIndexAndRemindersProviderFactory extends BundleProviderFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "account-lifecycle-password";
    static final String CHANGELOG = "META-INF/account-lifecycle/password-changelog-master.xml";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new BundleTables(PROVIDER_ID, CHANGELOG, List.of(PasswordReminderEntity.class));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
