package nl.accountlifecycle.password;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * The one place that queries Keycloak's credential table directly. The model API can only list the
 * credentials of one user at a time; finding the users whose password was set in a time window would
 * otherwise mean loading every user of the realm. These queries read only the matching rows.
 */
public final class CredentialAgeQuery {

    /** A user whose password expires at {@code expiresAt}. */
    public record Due(String userId, Instant passwordCreated, Instant expiresAt) {
    }

    private final EntityManager em;

    public CredentialAgeQuery(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Enabled users whose password expires in {@code [now, now + within)} under a policy of {@code policyDays}. */
    public List<Due> expiringWithin(RealmModel realm, int policyDays, Duration within, Instant now, int first, int max) {
        return expiringWithin(realm.getId(), policyDays, within, now, first, max);
    }

    private List<Due> expiringWithin(String realmId, int policyDays, Duration within, Instant now, int first, int max) {
        Window window = Window.of(policyDays, within, now);
        return em.createQuery("select c.user.id, c.createdDate from CredentialEntity c"
                        + " where c.user.realmId = :realm and c.user.enabled = true and c.type = :type"
                        + " and c.user.serviceAccountClientLink is null"
                        + " and c.createdDate >= :from and c.createdDate < :to order by c.createdDate, c.user.id",
                        Object[].class)
                .setParameter("realm", realmId)
                .setParameter("type", PasswordCredentialModel.TYPE)
                .setParameter("from", window.from())
                .setParameter("to", window.to())
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultStream()
                .map(row -> {
                    Instant created = Instant.ofEpochMilli((Long) row[1]);
                    return new Due((String) row[0], created, created.plus(Duration.ofDays(policyDays)));
                })
                .toList();
    }

    /**
     * A password in one reminder band, not yet reminded at this threshold or a narrower one, with what the scan
     * needs to decide without loading the user: the email and the stored activation status.
     */
    public record Reminder(String userId, Instant passwordCreated, Instant expiresAt, String email, String activationStatus) {
    }

    /**
     * Enabled users whose password expires in {@code (now + lowerDays, now + thresholdDays]} and who have no
     * reminder recorded for that password at {@code thresholdDays} or narrower. Reads only those rows (index on
     * type and creation time; the reminder table by its primary key).
     */
    public List<Reminder> dueForReminder(RealmModel realm, int policyDays, int thresholdDays, int lowerDays,
                                         String activationStatusAttribute, Instant now, int first, int max) {
        return dueForReminder(realm.getId(), policyDays, thresholdDays, lowerDays, activationStatusAttribute, now, first, max);
    }

    private List<Reminder> dueForReminder(String realmId, int policyDays, int thresholdDays, int lowerDays,
                                          String activationStatusAttribute, Instant now, int first, int max) {
        Instant oldest = now.minus(Duration.ofDays(policyDays));
        return em.createQuery("select c.user.id, c.createdDate, c.user.email,"
                        + " (select max(a.value) from UserAttributeEntity a where a.user = c.user and a.name = :status)"
                        + " from CredentialEntity c"
                        + " where c.user.realmId = :realm and c.user.enabled = true and c.type = :type"
                        + " and c.user.serviceAccountClientLink is null"
                        + " and c.createdDate > :from and c.createdDate <= :to"
                        + " and not exists (select r.id from PasswordReminderEntity r where r.userId = c.user.id"
                        + "   and r.passwordCreated = c.createdDate and r.thresholdDays <= :threshold)"
                        + " order by c.createdDate, c.user.id", Object[].class)
                .setParameter("status", activationStatusAttribute)
                .setParameter("realm", realmId)
                .setParameter("type", PasswordCredentialModel.TYPE)
                .setParameter("from", oldest.plus(Duration.ofDays(lowerDays)).toEpochMilli())
                .setParameter("to", oldest.plus(Duration.ofDays(thresholdDays)).toEpochMilli())
                .setParameter("threshold", thresholdDays)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultStream()
                .map(row -> {
                    Instant created = Instant.ofEpochMilli((Long) row[1]);
                    return new Reminder((String) row[0], created, created.plus(Duration.ofDays(policyDays)),
                            (String) row[2], (String) row[3]);
                })
                .toList();
    }

    /** How many enabled users' passwords expire in {@code [now, now + within)}. */
    public long countExpiringWithin(RealmModel realm, int policyDays, Duration within, Instant now) {
        return countExpiringWithin(realm.getId(), policyDays, within, now);
    }

    private long countExpiringWithin(String realmId, int policyDays, Duration within, Instant now) {
        Window window = Window.of(policyDays, within, now);
        return em.createQuery("select count(c) from CredentialEntity c"
                        + " where c.user.realmId = :realm and c.user.enabled = true and c.type = :type"
                        + " and c.user.serviceAccountClientLink is null"
                        + " and c.createdDate >= :from and c.createdDate < :to", Long.class)
                .setParameter("realm", realmId)
                .setParameter("type", PasswordCredentialModel.TYPE)
                .setParameter("from", window.from())
                .setParameter("to", window.to())
                .getSingleResult();
    }

    /**
     * Runs each query once for a realm id no realm has, so it reads no rows: it fails only when Keycloak's tables or
     * entities no longer have what the queries read (the startup self-check).
     */
    public void probe() {
        Instant now = Instant.now();
        expiringWithin("", 90, Duration.ofDays(1), now, 0, 1);
        dueForReminder("", 90, 14, 7, "probe", now, 0, 1);
        countExpiringWithin("", 90, Duration.ofDays(1), now);
    }

    /**
     * The same window as {@link #expiringWithin} as a criteria predicate on Keycloak's user table, for Keycloak's
     * scheduled workflows, which select the users to enrol with one query built from their conditions.
     */
    public static jakarta.persistence.criteria.Predicate expiringWithin(jakarta.persistence.criteria.CriteriaBuilder cb,
            jakarta.persistence.criteria.CriteriaQuery<String> query, jakarta.persistence.criteria.Root<?> user,
            int policyDays, Duration within, Instant now) {
        Window window = Window.of(policyDays, within, now);
        jakarta.persistence.criteria.Subquery<String> sub = query.subquery(String.class);
        jakarta.persistence.criteria.Root<org.keycloak.models.jpa.entities.CredentialEntity> c =
                sub.from(org.keycloak.models.jpa.entities.CredentialEntity.class);
        jakarta.persistence.criteria.Path<Long> created = c.get("createdDate");
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
