package nl.accountlifecycle.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.jpa.entities.CredentialEntity;

/**
 * The bundle's queries of Keycloak's own tables, through Keycloak's JPA entities ({@code CredentialEntity},
 * {@code UserEntity}, {@code UserAttributeEntity}, {@code UserGroupMembershipEntity}, {@code GroupEntity}). The model
 * API answers for one user at a time; each query here exists because that would mean loading every user of a realm,
 * or several queries a user. Only users in Keycloak's own store are found; callers load any other through the model.
 * <p>
 * Checked against Keycloak 26.4.7, 26.5.6 and 26.7.3 (the versions CI runs): the entity and field names used here
 * are the same in the {@code keycloak-model-jpa} jar of all three. {@link #probe()} runs each query once at startup
 * and the reminders switch off with one logged line if one fails (a later Keycloak that renamed a field).
 * Two more readers of these tables document themselves next to their capability: the invitation list
 * ({@code activation/InvitationQueries}, one page of invited users) and the workflow conditions' attribute
 * predicate ({@code workflow/UserAttributes}).
 */
public final class KeycloakTables {

    /** A user whose password expires at {@code expiresAt}. */
    public record Due(String userId, Instant passwordCreated, Instant expiresAt) {
    }

    /** A password due for a reminder, with what the scan needs to decide without loading the user. */
    public record Reminder(String userId, Instant passwordCreated, Instant expiresAt, String email, String activationStatus) {
    }

    /** A user's columns and the named attributes and group names asked for. */
    public record UserRow(String id, String email, String firstName, String lastName, boolean enabled,
                          Map<String, String> attributes, List<String> groups, String username, boolean emailVerified) {
    }

    private static final String PASSWORDS = " from CredentialEntity c where c.user.realmId = :realm"
            + " and c.user.enabled = true and c.type = :type and c.user.serviceAccountClientLink is null";

    private final EntityManager em;

    /**
     * The realm's users after {@code cursor} in id order, service accounts left out: a re-sync's next page, read by
     * keyset (the model API pages by offset, which gets slower with every page).
     */
    public static List<String> usersAfter(EntityManager em, String realmId, String cursor, int max) {
        TypedQuery<String> query = em.createQuery("select u.id from UserEntity u where u.realmId = :realm"
                        + " and u.serviceAccountClientLink is null"
                        + (cursor == null ? "" : " and u.id > :cursor") + " order by u.id", String.class)
                .setParameter("realm", realmId)
                .setMaxResults(max);
        if (cursor != null) {
            query.setParameter("cursor", cursor);
        }
        return query.getResultList();
    }

    public KeycloakTables(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /**
     * Password expiry list and stats: enabled users whose password expires in {@code [now, now + within)}. Keycloak
     * has no index on {@code CREDENTIAL(TYPE, CREATED_DATE)}; the bundle's changelog adds one.
     */
    public List<Due> expiringWithin(String realmId, int policyDays, Duration within, Instant now, int first, int max) {
        Window window = Window.of(policyDays, within, now);
        return em.createQuery("select c.user.id, c.createdDate" + PASSWORDS
                        + " and c.createdDate >= :from and c.createdDate < :to order by c.createdDate, c.user.id", Object[].class)
                .setParameter("realm", realmId).setParameter("type", PasswordCredentialModel.TYPE)
                .setParameter("from", window.from()).setParameter("to", window.to())
                .setFirstResult(first).setMaxResults(max)
                .getResultStream()
                .map(row -> {
                    Instant created = Instant.ofEpochMilli((Long) row[1]);
                    return new Due((String) row[0], created, created.plus(Duration.ofDays(policyDays)));
                })
                .toList();
    }

    public long countExpiringWithin(String realmId, int policyDays, Duration within, Instant now) {
        Window window = Window.of(policyDays, within, now);
        return em.createQuery("select count(c)" + PASSWORDS + " and c.createdDate >= :from and c.createdDate < :to", Long.class)
                .setParameter("realm", realmId).setParameter("type", PasswordCredentialModel.TYPE)
                .setParameter("from", window.from()).setParameter("to", window.to())
                .getSingleResult();
    }

    /**
     * The reminder scan: enabled users whose password expires in {@code (now + lowerDays, now + thresholdDays]} with
     * no reminder recorded for that password at {@code thresholdDays} or narrower (the bundle's table, by key).
     */
    public List<Reminder> dueForReminder(String realmId, int policyDays, int thresholdDays, int lowerDays,
                                         String activationStatusAttribute, Instant now, int first, int max) {
        Instant oldest = now.minus(Duration.ofDays(policyDays));
        return em.createQuery("select c.user.id, c.createdDate, c.user.email,"
                        + " (select max(a.value) from UserAttributeEntity a where a.user = c.user and a.name = :status)"
                        + PASSWORDS + " and c.createdDate > :from and c.createdDate <= :to"
                        + " and not exists (select r.id from PasswordReminderEntity r where r.userId = c.user.id"
                        + "   and r.passwordCreated = c.createdDate and r.thresholdDays <= :threshold)"
                        + " order by c.createdDate, c.user.id", Object[].class)
                .setParameter("status", activationStatusAttribute)
                .setParameter("realm", realmId).setParameter("type", PasswordCredentialModel.TYPE)
                .setParameter("from", oldest.plus(Duration.ofDays(lowerDays)).toEpochMilli())
                .setParameter("to", oldest.plus(Duration.ofDays(thresholdDays)).toEpochMilli())
                .setParameter("threshold", thresholdDays)
                .setFirstResult(first).setMaxResults(max)
                .getResultStream()
                .map(row -> {
                    Instant created = Instant.ofEpochMilli((Long) row[1]);
                    return new Reminder((String) row[0], created, created.plus(Duration.ofDays(policyDays)),
                            (String) row[2], (String) row[3]);
                })
                .toList();
    }

    /**
     * The Odoo sync's and the targets' batch: users read with three queries instead of loading each user model (several queries a
     * user); at 200 users a batch, loading them one by one took most of a batch's time.
     */
    public Map<String, UserRow> users(String realmId, List<String> ids, Collection<String> attributeNames, boolean withGroups) {
        Map<String, Object[]> users = new LinkedHashMap<>();
        em.createQuery("select u.id, u.email, u.firstName, u.lastName, u.enabled, u.username, u.emailVerified from UserEntity u"
                        + " where u.realmId = :realm and u.id in :ids", Object[].class)
                .setParameter("realm", realmId).setParameter("ids", ids)
                .getResultStream().forEach(row -> users.put((String) row[0], row));
        Map<String, Map<String, String>> attributes = new HashMap<>();
        Map<String, List<String>> groups = new HashMap<>();
        if (!users.isEmpty()) {
            List<String> found = new ArrayList<>(users.keySet());
            em.createQuery("select a.user.id, a.name, a.value from UserAttributeEntity a"
                            + " where a.user.id in :ids and a.name in :names", Object[].class)
                    .setParameter("ids", found).setParameter("names", attributeNames)
                    .getResultStream().forEach(row -> attributes.computeIfAbsent((String) row[0], k -> new HashMap<>())
                            .putIfAbsent((String) row[1], (String) row[2]));
            if (withGroups) {
                em.createQuery("select m.user.id, g.name from UserGroupMembershipEntity m, GroupEntity g"
                                + " where g.id = m.groupId and m.user.id in :ids", Object[].class)
                        .setParameter("ids", found)
                        .getResultStream().forEach(row -> groups.computeIfAbsent((String) row[0], k -> new ArrayList<>())
                                .add((String) row[1]));
            }
        }
        Map<String, UserRow> rows = new LinkedHashMap<>();
        users.forEach((id, row) -> rows.put(id, new UserRow(id, (String) row[1], (String) row[2], (String) row[3],
                (Boolean) row[4], attributes.getOrDefault(id, Map.of()), groups.getOrDefault(id, List.of()),
                (String) row[5], (Boolean) row[6])));
        return rows;
    }

    /**
     * Runs each query once for a realm id no realm has, so it reads no rows: it fails only when Keycloak's tables or
     * entities no longer have what the queries read (the startup self-check).
     */
    public void probe() {
        Instant now = Clock.now();
        expiringWithin("", 90, Duration.ofDays(1), now, 0, 1);
        dueForReminder("", 90, 14, 7, "probe", now, 0, 1);
        countExpiringWithin("", 90, Duration.ofDays(1), now);
        users("", List.of("probe"), List.of("probe"), true);
    }

    /**
     * The workflow condition {@code password-expires-within}: the window of {@link #expiringWithin} as a criteria
     * predicate on Keycloak's user table, because Keycloak's scheduled workflows select the users to enrol with one
     * query built from their conditions.
     */
    public static Predicate passwordExpiringWithin(CriteriaBuilder cb, CriteriaQuery<String> query, Root<?> user,
                                                   int policyDays, Duration within, Instant now) {
        Window window = Window.of(policyDays, within, now);
        Subquery<String> sub = query.subquery(String.class);
        Root<CredentialEntity> c = sub.from(CredentialEntity.class);
        Path<Long> created = c.get("createdDate");
        sub.select(c.get("id")).where(cb.and(
                cb.equal(c.get("user").get("id"), user.get("id")),
                cb.equal(c.get("type"), PasswordCredentialModel.TYPE),
                cb.greaterThanOrEqualTo(created, window.from()),
                cb.lessThan(created, window.to())));
        return cb.exists(sub);
    }

    /** Creation times (epoch millis) whose password expires in {@code [now, now + within)}. */
    record Window(long from, long to) {
        static Window of(int policyDays, Duration within, Instant now) {
            Instant oldest = now.minus(Duration.ofDays(policyDays));
            return new Window(oldest.toEpochMilli(), oldest.plus(within).toEpochMilli());
        }
    }
}
