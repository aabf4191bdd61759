package nl.accountlifecycle.activation;

import java.time.Instant;

import jakarta.persistence.LockModeType;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.jpa.entities.UserEntity;

/**
 * A user's activation state, kept in user attributes. The realm's user profile leaves these attributes
 * unmanaged with the admin-view policy, so admins see them read-only in the console and users never see them.
 */
public final class ActivationState {

    public static final String STATUS = "accountLifecycle.activation.status";
    public static final String SENT_AT = "accountLifecycle.activation.sentAt";
    public static final String EXPIRES_AT = "accountLifecycle.activation.expiresAt";
    public static final String ACTIVATED_AT = "accountLifecycle.activation.activatedAt";
    /** Identifies the one link that is valid now; a resend replaces it, activation removes it. */
    public static final String LINK_ID = "accountLifecycle.activation.linkId";
    public static final String LAST_ERROR = "accountLifecycle.activation.lastError";

    public enum Status {
        PENDING, EXPIRED, ACTIVATED, NONE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status parse(String value) {
            if (value == null) {
                return null;
            }
            for (Status s : values()) {
                if (s.wire().equals(value.trim().toLowerCase(java.util.Locale.ROOT))) {
                    return s;
                }
            }
            return null;
        }
    }

    private ActivationState() {
    }

    /** Pending turns into expired once the link's expiry has passed; the stored value stays pending. */
    public static Status status(UserModel user, Instant now) {
        return status(user.getFirstAttribute(STATUS), user.getFirstAttribute(EXPIRES_AT), now);
    }

    public static Status status(String stored, String expiresAt, Instant now) {
        Status status = Status.parse(stored);
        if (status == null) {
            return Status.NONE;
        }
        if (status == Status.PENDING && expiresAt != null && !parseInstant(expiresAt).isAfter(now)) {
            return Status.EXPIRED;
        }
        return status;
    }

    /**
     * Records a new link. The user's row stays locked until the caller's transaction ends, so that the expiry scan,
     * which takes the same lock and reads the state again, never overwrites a resend with {@code expired}.
     */
    public static void markSent(KeycloakSession session, UserModel user, String linkId, Instant sentAt, Instant expiresAt) {
        lock(session, user.getId());
        user.setSingleAttribute(STATUS, Status.PENDING.wire());
        user.setSingleAttribute(SENT_AT, iso(sentAt));
        user.setSingleAttribute(EXPIRES_AT, iso(expiresAt));
        user.setSingleAttribute(LINK_ID, linkId);
        user.removeAttribute(LAST_ERROR);
    }

    /** Records the activation, under the same row lock as {@link #markSent}. */
    public static void markActivated(KeycloakSession session, UserModel user, Instant at) {
        lock(session, user.getId());
        user.setSingleAttribute(STATUS, Status.ACTIVATED.wire());
        user.setSingleAttribute(ACTIVATED_AT, iso(at));
        user.removeAttribute(LINK_ID);
        user.removeAttribute(EXPIRES_AT);
    }

    /**
     * Locks the user's row in Keycloak's {@code USER_ENTITY} table until the transaction ends, and returns it as the
     * database has it now, or null for a user kept outside Keycloak's own store.
     */
    static UserEntity lock(KeycloakSession session, String userId) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .find(UserEntity.class, userId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** ISO-8601 in UTC to the second, e.g. {@code 2026-12-01T09:30:00Z}: readable for admins in the console. */
    public static String iso(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    public static boolean isActivated(UserModel user) {
        return Status.ACTIVATED.wire().equals(user.getFirstAttribute(STATUS));
    }

    public static String linkId(UserModel user) {
        return user.getFirstAttribute(LINK_ID);
    }

    public static Instant parseInstant(String value) {
        try {
            return Instant.parse(value.trim());
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
