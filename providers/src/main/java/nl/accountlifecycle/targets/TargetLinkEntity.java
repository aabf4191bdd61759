package nl.accountlifecycle.targets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Which resource in a SCIM target is which Keycloak user: the id the target gave the user when it was created there.
 * Its id is {@code <target id>:<user id>}.
 */
@Entity
@Table(name = "AL_TARGET_LINK")
public class TargetLinkEntity {

    @Id
    @Column(name = "ID", length = 80)
    private String id;

    @Column(name = "TARGET_ID", length = 36, nullable = false)
    private String targetId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "REMOTE_ID", length = 255, nullable = false)
    private String remoteId;

    protected TargetLinkEntity() {
    }

    TargetLinkEntity(String targetId, String realmId, String userId, String remoteId) {
        this.id = id(targetId, userId);
        this.targetId = targetId;
        this.realmId = realmId;
        this.userId = userId;
        this.remoteId = remoteId;
    }

    static String id(String targetId, String userId) {
        return targetId + ":" + userId;
    }

    public String getUserId() {
        return userId;
    }

    public String getRemoteId() {
        return remoteId;
    }

    void remoteId(String remoteId) {
        this.remoteId = remoteId;
    }
}
