package nl.accountlifecycle.targets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One user change for the realm's targets, written in the transaction of the change: one row however many targets
 * the realm has. The worker fans it out into a {@link DeliveryEntity} per enabled target and deletes it.
 */
@Entity
@Table(name = "AL_TARGET_CHANGE")
public class ChangeEntity {

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

    protected ChangeEntity() {
    }

    ChangeEntity(String id, String realmId, String userId, String changeKind, long now) {
        this.id = id;
        this.realmId = realmId;
        this.userId = userId;
        this.changeKind = changeKind;
        this.createdAt = now;
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
}
