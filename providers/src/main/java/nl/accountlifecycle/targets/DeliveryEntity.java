package nl.accountlifecycle.targets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One change to deliver to one target. Its id is the message id the target sees ({@code webhook-id}), the same on
 * every attempt. A worker takes rows with a lease; a row is deleted once delivered, or kept as {@code DEAD} with its
 * last error (never a response body) after the target's maximum attempts or a failure that a retry cannot mend.
 */
@Entity
@Table(name = "AL_TARGET_DELIVERY")
public class DeliveryEntity {

    static final String PENDING = "PENDING";
    static final String DEAD = "DEAD";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "TARGET_ID", length = 36, nullable = false)
    private String targetId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "CHANGE_KIND", length = 32, nullable = false)
    private String changeKind;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "LAST_ERROR", length = 1000)
    private String lastError;

    @Column(name = "LEASE_OWNER", length = 64)
    private String leaseOwner;

    @Column(name = "LEASE_UNTIL")
    private Long leaseUntil;

    protected DeliveryEntity() {
    }

    DeliveryEntity(String id, String targetId, ChangeEntity change) {
        this.id = id;
        this.targetId = targetId;
        this.realmId = change.getRealmId();
        this.userId = change.getUserId();
        this.changeKind = change.getChangeKind();
        this.createdAt = change.getCreatedAt();
        this.nextAttemptAt = change.getCreatedAt();
        this.status = PENDING;
    }

    /** A re-sync's row: the user's state, due now. */
    DeliveryEntity(String id, String targetId, String realmId, String userId, String changeKind, long now) {
        this.id = id;
        this.targetId = targetId;
        this.realmId = realmId;
        this.userId = userId;
        this.changeKind = changeKind;
        this.createdAt = now;
        this.nextAttemptAt = now;
        this.status = PENDING;
    }

    public String getId() {
        return id;
    }

    public String getTargetId() {
        return targetId;
    }

    public String getRealmId() {
        return realmId;
    }

    public String getUserId() {
        return userId;
    }

    public String getChangeKind() {
        return changeKind;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getStatus() {
        return status;
    }

    public String getLastError() {
        return lastError;
    }

    void failed(String error, long nextAttemptAt, boolean dead) {
        this.attempts++;
        this.lastError = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        this.nextAttemptAt = nextAttemptAt;
        this.status = dead ? DEAD : PENDING;
        release();
    }

    /** Gives the row back untried: a change of the same user before it failed, so it waits its turn. */
    void release() {
        this.leaseOwner = null;
        this.leaseUntil = null;
    }

    void retry(long now) {
        this.attempts = 0;
        this.nextAttemptAt = now;
        this.status = PENDING;
        release();
    }
}
