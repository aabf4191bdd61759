package nl.accountlifecycle.support;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Work done later (after a commit, on a worker thread) in a fresh transaction, in one realm named by id and set
 * as the session's realm. A realm removed in the meantime means there is nothing to do.
 */
public final class InRealm {

    private InRealm() {
    }

    public static void run(KeycloakSessionFactory factory, String realmId, BiConsumer<KeycloakSession, RealmModel> job) {
        apply(factory, realmId, null, (s, realm) -> {
            job.accept(s, realm);
            return null;
        });
    }

    public static <T> T apply(KeycloakSessionFactory factory, String realmId, T whenGone,
            BiFunction<KeycloakSession, RealmModel, T> job) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
            RealmModel realm = s.realms().getRealm(realmId);
            if (realm == null) {
                return whenGone;
            }
            s.getContext().setRealm(realm);
            return job.apply(s, realm);
        });
    }
}
