package nl.accountlifecycle.odoo;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One change to deliver to Odoo, written by the event listener in the same transaction as the Keycloak change.
 * The row names the user, not the values: delivery sends the user's state at that moment, so several rows of
 * one user become one write. A worker takes rows with a lease ({@code LEASE_OWNER}, {@code LEASE_UNTIL}); a row
 * is deleted once delivered, or kept as {@link OutboxStatus#DEAD} with its last error after too many attempts.
 */
@Entity
@Table(name = "AL_ODOO_OUTBOX")
public class OutboxEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

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

    protected OutboxEntity() {
    }

    OutboxEntity(String id, String realmId, String userId, ChangeKind changeKind, long now) {
        this.id = id;
        this.realmId = realmId;
        this.userId = userId;
        this.changeKind = changeKind.wire();
        this.createdAt = now;
        this.nextAttemptAt = now;
        this.status = OutboxStatus.PENDING.name();
    }

    public String getId() {
        return id;
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

    public long getNextAttemptAt() {
        return nextAttemptAt;
    }

    public OutboxStatus getStatus() {
        return OutboxStatus.valueOf(status);
    }

    public String getLastError() {
        return lastError;
    }

    void failed(String error, long nextAttemptAt, boolean dead) {
        this.attempts++;
        this.lastError = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        this.nextAttemptAt = nextAttemptAt;
        this.status = (dead ? OutboxStatus.DEAD : OutboxStatus.PENDING).name();
        this.leaseOwner = null;
        this.leaseUntil = null;
    }

    void retry(long now) {
        this.attempts = 0;
        this.nextAttemptAt = now;
        this.status = OutboxStatus.PENDING.name();
        this.leaseOwner = null;
        this.leaseUntil = null;
    }
}
