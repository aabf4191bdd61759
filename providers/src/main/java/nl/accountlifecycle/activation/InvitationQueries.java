package nl.accountlifecycle.activation;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import nl.accountlifecycle.activation.ActivationState.Status;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * The invitation list's queries on Keycloak's own user tables ({@code USER_ENTITY}, {@code USER_ATTRIBUTE} through
 * the JPA entities {@code UserEntity} and {@code UserAttributeEntity}), so that one page of the list reads one page
 * of rows however many users were invited.
 * <p>
 * Why not the model API: its attribute search finds one stored value at a time, in full, unsorted across values,
 * and cannot say "pending, but the link's expiry has passed", which is what the list calls expired between two
 * expiry scans. Loading every invited user and sorting in memory took seconds at 100,000 invitations (see the
 * README's benchmark). The activation state is in user attributes {@link ActivationState#STATUS} (lower-case
 * wire value) and {@link ActivationState#EXPIRES_AT} (ISO-8601 UTC to the second, which sorts as text in time
 * order), both written only by this bundle. Only users in Keycloak's own store are read, which is where
 * invitations create them.
 * <p>
 * Checked against Keycloak 26.4.7, 26.5.6 and 26.7.3: the entity names and the fields used here
 * ({@code UserEntity.id, realmId, username, email, firstName, lastName, enabled, attributes};
 * {@code UserAttributeEntity.user, name, value, longValue}) are the same in the {@code keycloak-model-jpa} jars of
 * all three; the queries run in the integration tests and the benchmark on 26.7.3. Indexes used: Keycloak's own
 * {@code IDX_USER_ATTRIBUTE_NAME (NAME, VALUE)}, {@code IDX_USER_ATTRIBUTE (USER_ID)} and the unique
 * {@code (REALM_ID, USERNAME)} of {@code USER_ENTITY}; the bundle adds none to Keycloak's user tables.
 */
final class InvitationQueries {

    /** The invitation counts by status as the list shows it: a lapsed pending link counts as expired. */
    record Counts(long pending, long expired, long activated) {
        long of(Status status) {
            return switch (status) {
                case PENDING -> pending;
                case EXPIRED -> expired;
                case ACTIVATED -> activated;
                case NONE -> 0;
            };
        }
    }

    /** One row of a page: the user's columns; attributes come from {@link #attributes}. */
    record Row(String id, String username, String email, String firstName, String lastName, boolean enabled) {
    }

    private static final List<String> INVITED =
            List.of(Status.PENDING.wire(), Status.EXPIRED.wire(), Status.ACTIVATED.wire());

    private static final String FROM = " from UserEntity u join u.attributes s"
            + " left join u.attributes e on e.name = :expiresName"
            + " where u.realmId = :realm and s.name = :statusName and ";

    private final EntityManager em;

    InvitationQueries(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /**
     * The realm's invitation counts, as every realm's counts minus the other realms': user attributes carry no
     * realm, so counting one realm's rows joins each of its status rows to its user (about 2 µs a row, 183 ms at
     * 100,000 invitations), while counting every realm's rows reads Keycloak's {@code (NAME, VALUE)} index alone.
     * The other realms' invitations are found from their users, through {@code USER_ENTITY}'s realm index, so
     * their cost follows the invitations outside this realm (none on most servers).
     */
    Counts counts(String realmId, Instant now) {
        Map<String, long[]> all = new HashMap<>();
        em.createQuery("select s.value, count(s) from UserAttributeEntity s"
                        + " where s.name = :statusName and s.value in :invited group by s.value", Object[].class)
                .setParameter("statusName", ActivationState.STATUS)
                .setParameter("invited", INVITED)
                .getResultStream()
                .forEach(row -> all.put((String) row[0], new long[] {((Number) row[1]).longValue(), 0}));
        all.computeIfAbsent(Status.PENDING.wire(), k -> new long[2])[1] = em.createQuery("select count(s)"
                        + " from UserAttributeEntity s, UserAttributeEntity e where e.user = s.user"
                        + " and s.name = :statusName and s.value = :pending and e.name = :expiresName and e.value <= :now", Long.class)
                .setParameter("statusName", ActivationState.STATUS)
                .setParameter("pending", Status.PENDING.wire())
                .setParameter("expiresName", ActivationState.EXPIRES_AT)
                .setParameter("now", ActivationState.iso(now))
                .getSingleResult();
        // "<> :realm" written as two ranges, so the database can read them from the realm index
        em.createQuery("select s.value, count(s), sum(case when e.value <= :now then 1 else 0 end)"
                        + " from UserEntity u join u.attributes s left join u.attributes e on e.name = :expiresName"
                        + " where (u.realmId < :realm or u.realmId > :realm)"
                        + " and s.name = :statusName and s.value in :invited group by s.value", Object[].class)
                .setParameter("now", ActivationState.iso(now))
                .setParameter("expiresName", ActivationState.EXPIRES_AT)
                .setParameter("statusName", ActivationState.STATUS)
                .setParameter("invited", INVITED)
                .setParameter("realm", realmId)
                .getResultStream()
                .forEach(row -> {
                    long[] counts = all.computeIfAbsent((String) row[0], k -> new long[2]);
                    counts[0] -= ((Number) row[1]).longValue();
                    counts[1] -= row[2] == null ? 0 : ((Number) row[2]).longValue();
                });
        long[] pending = all.getOrDefault(Status.PENDING.wire(), new long[2]);
        long lapsed = pending[1];
        return new Counts(pending[0] - lapsed, all.getOrDefault(Status.EXPIRED.wire(), new long[2])[0] + lapsed,
                all.getOrDefault(Status.ACTIVATED.wire(), new long[2])[0]);
    }

    /** One page of invited users with status {@code wanted} (null: any), ordered by username. */
    List<Row> page(String realmId, Status wanted, Instant now, int first, int max) {
        return where(em.createQuery("select u.id, u.username, u.email, u.firstName, u.lastName, u.enabled" + FROM
                        + predicate(wanted) + " order by u.username", Object[].class), realmId, wanted, now)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultStream()
                .map(r -> new Row((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (Boolean) r[5]))
                .toList();
    }

    /** The ids of every invited user with status {@code wanted} (null: any), ordered by username. */
    List<String> ids(String realmId, Status wanted, Instant now) {
        return where(em.createQuery("select u.id" + FROM + predicate(wanted) + " order by u.username", String.class),
                realmId, wanted, now).getResultList();
    }

    /** The named attributes of these users: user id, then attribute name, then the first value read. */
    Map<String, Map<String, String>> attributes(Collection<String> userIds, Collection<String> names) {
        Map<String, Map<String, String>> byUser = new HashMap<>();
        if (userIds.isEmpty()) {
            return byUser;
        }
        em.createQuery("select a.user.id, a.name, a.value, a.longValue from UserAttributeEntity a"
                        + " where a.user.id in :ids and a.name in :names", Object[].class)
                .setParameter("ids", userIds)
                .setParameter("names", names)
                .getResultStream()
                .forEach(r -> byUser.computeIfAbsent((String) r[0], id -> new HashMap<>())
                        .putIfAbsent((String) r[1], r[2] != null ? (String) r[2] : (String) r[3]));
        return byUser;
    }

    private static String predicate(Status wanted) {
        if (wanted == null) {
            return "s.value in (:pending, :expired, :activated)";
        }
        return switch (wanted) {
            case PENDING -> "s.value = :pending and (e.value is null or e.value > :now)";
            case EXPIRED -> "(s.value = :expired or (s.value = :pending and e.value <= :now))";
            case ACTIVATED -> "s.value = :activated";
            case NONE -> throw new IllegalArgumentException("not an invitation status");
        };
    }

    private static <T> TypedQuery<T> where(TypedQuery<T> query, String realmId, Status wanted, Instant now) {
        query.setParameter("realm", realmId)
                .setParameter("statusName", ActivationState.STATUS)
                .setParameter("expiresName", ActivationState.EXPIRES_AT);
        if (wanted == null || wanted == Status.PENDING || wanted == Status.EXPIRED) {
            query.setParameter("pending", Status.PENDING.wire());
        }
        if (wanted == null || wanted == Status.EXPIRED) {
            query.setParameter("expired", Status.EXPIRED.wire());
        }
        if (wanted == null || wanted == Status.ACTIVATED) {
            query.setParameter("activated", Status.ACTIVATED.wire());
        }
        if (wanted == Status.PENDING || wanted == Status.EXPIRED) {
            query.setParameter("now", ActivationState.iso(now));
        }
        return query;
    }
}
