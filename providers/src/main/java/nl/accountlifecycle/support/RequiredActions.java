package nl.accountlifecycle.support;

import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

/** Makes the bundle's required actions available in every realm, including realms made before it was installed. */
public final class RequiredActions {

    private RequiredActions() {
    }

    /** Registers the action in all realms at startup and in each new realm; an admin's later choice is kept. */
    public static void registerEverywhere(KeycloakSessionFactory factory, String id, String name, int priority) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory,
                        session -> session.realms().getRealmsStream().forEach(realm -> register(realm, id, name, priority)));
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                register(created.getCreatedRealm(), id, name, priority);
            }
        });
    }

    static void register(RealmModel realm, String id, String name, int priority) {
        if (realm.getRequiredActionProviderByAlias(id) != null) {
            return;
        }
        RequiredActionProviderModel model = new RequiredActionProviderModel();
        model.setAlias(id);
        model.setProviderId(id);
        model.setName(name);
        model.setEnabled(true);
        model.setDefaultAction(false);
        model.setPriority(priority);
        realm.addRequiredActionProvider(model);
    }
}
