package nl.accountlifecycle.odoo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import nl.accountlifecycle.support.Clock;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** A realm's full re-sync: started by the admin REST, advanced a page per poll by the worker of whichever node polls. */
final class ResyncJobs {

    static final int PAGE = 500;

    private ResyncJobs() {
    }

    /** Starts a job over the realm's users; the caller holds the state row's lock and checked no job is running. */
    static void start(SyncStateEntity state, long users) {
        state.startResync(users, Clock.millis());
    }

    /** Enqueues the next page of each running re-sync job; the row lock makes one node do each page. */
    static void advance(KeycloakSession session) {
        EntityManager em = OdooWorker.em(session);
        for (String realmId : OdooQueries.runningResyncs(em)) {
            SyncStateEntity state = em.find(SyncStateEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
            RealmModel realm = session.realms().getRealm(realmId);
            if (state == null || state.getResyncStatus() != ResyncStatus.RUNNING || realm == null) {
                continue;
            }
            session.getContext().setRealm(realm);
            List<String> page = session.users().searchForUserStream(realm, Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"),
                    (int) state.getResyncDone(), PAGE).map(UserModel::getId).toList();
            long now = Clock.millis();
            for (String userId : page) {
                em.persist(new OutboxEntity(UUID.randomUUID().toString(), realmId, userId, ChangeKind.RESYNC, now));
            }
            state.resyncProgress(page.size() < PAGE ? state.getResyncTotal() : state.getResyncDone() + page.size());
        }
    }
}
