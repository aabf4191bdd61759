package nl.accountlifecycle.report;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import nl.accountlifecycle.activation.ActivationState;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * The report's queries, in one place: one page of users in username order with what the rules need, read by keyset
 * ({@code username > last one read}) so that page 100 costs what page 1 costs and memory holds one page.
 * <p>
 * Why not the model API: it loads a user with several queries, and then each credential list and the event store's
 * newest login one user at a time: over 100,000 users that is minutes. Here one query per page reads Keycloak's
 * {@code USER_ENTITY} ({@code UserEntity}) by its unique {@code (REALM_ID, USERNAME)} index, with correlated
 * sub-queries on {@code USER_ATTRIBUTE} ({@code IDX_USER_ATTRIBUTE}), {@code CREDENTIAL} (by user) and
 * {@code EVENT_ENTITY} ({@code EventEntity}; Keycloak's {@code IDX_EVENT_ENTITY_USER_ID_TYPE (USER_ID, TYPE,
 * EVENT_TIME)}, since 26.4). The bundle's own outbox follows by user id ({@code IDX_AL_ODOO_OUTBOX_USER}). Only users in
 * Keycloak's own store are read (not federated ones); service accounts are left out.
 */
final class HygieneQueries {

    private final EntityManager em;

    HygieneQueries(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Up to {@code max} users after {@code afterUsername} ("" for the first page), in username order. */
    List<UserFacts> page(String realmId, String afterUsername, int max, boolean loginEvents, boolean target) {
        String lastLogin = loginEvents
                ? ", (select max(l.time) from EventEntity l where l.userId = u.id and l.type = 'LOGIN')" : ", null";
        List<Object[]> rows = em.createQuery("select u.id, u.username, u.email, u.enabled, u.createdTimestamp,"
                        + " (select max(s.value) from UserAttributeEntity s where s.user = u and s.name = :statusName),"
                        + " (select max(e.value) from UserAttributeEntity e where e.user = u and e.name = :expiresName),"
                        + " (select max(c.createdDate) from CredentialEntity c where c.user = u and c.type = :password)"
                        + lastLogin
                        + " from UserEntity u where u.realmId = :realm and u.serviceAccountClientLink is null"
                        + " and u.username > :after order by u.username", Object[].class)
                .setParameter("statusName", ActivationState.STATUS)
                .setParameter("expiresName", ActivationState.EXPIRES_AT)
                .setParameter("password", PasswordCredentialModel.TYPE)
                .setParameter("realm", realmId)
                .setParameter("after", afterUsername)
                .setMaxResults(max)
                .getResultList();
        Map<String, UserFacts.Target> targets = target && !rows.isEmpty()
                ? targets(realmId, rows.stream().map(r -> (String) r[0]).toList()) : Map.of();
        return rows.stream().map(r -> new UserFacts((String) r[0], (String) r[1], (String) r[2], (Boolean) r[3],
                instant(r[4]), (String) r[5], (String) r[6], instant(r[7]), instant(r[8]), targets.get((String) r[0])))
                .toList();
    }

    /** The undelivered Odoo changes of these users, summed up per user. */
    private Map<String, UserFacts.Target> targets(String realmId, List<String> userIds) {
        Map<String, UserFacts.Target> byUser = new HashMap<>();
        em.createQuery("select o.userId, o.status, o.attempts, o.lastError, o.createdAt from OutboxEntity o"
                        + " where o.realmId = :realm and o.userId in :ids", Object[].class)
                .setParameter("realm", realmId)
                .setParameter("ids", userIds)
                .getResultStream()
                .forEach(r -> byUser.merge((String) r[0], new UserFacts.Target("DEAD".equals(r[1]), (Integer) r[2],
                        (String) r[3], Instant.ofEpochMilli((Long) r[4])), UserFacts.Target::merge));
        return byUser;
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }
}
