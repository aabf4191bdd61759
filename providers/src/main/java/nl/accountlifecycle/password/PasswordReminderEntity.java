package nl.accountlifecycle.password;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One reminder sent: user, password (by its creation time) and threshold. The primary key is made of those
 * three, so the same reminder cannot be recorded twice, even by two scans racing on two nodes.
 */
@Entity
@Table(name = "AL_PASSWORD_REMINDER")
public class PasswordReminderEntity {

    @Id
    @Column(name = "ID", length = 120)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "PASSWORD_CREATED", nullable = false)
    private long passwordCreated;

    @Column(name = "THRESHOLD_DAYS", nullable = false)
    private int thresholdDays;

    @Column(name = "SENT_AT", nullable = false)
    private long sentAt;

    protected PasswordReminderEntity() {
    }

    PasswordReminderEntity(String realmId, String userId, long passwordCreated, int thresholdDays, long sentAt) {
        this.id = key(userId, passwordCreated, thresholdDays);
        this.realmId = realmId;
        this.userId = userId;
        this.passwordCreated = passwordCreated;
        this.thresholdDays = thresholdDays;
        this.sentAt = sentAt;
    }

    static String key(String userId, long passwordCreated, int thresholdDays) {
        return userId + ":" + passwordCreated + ":" + thresholdDays;
    }

    public String getId() {
        return id;
    }

    public String getUserId() {
        return userId;
    }

    public long getPasswordCreated() {
        return passwordCreated;
    }

    public int getThresholdDays() {
        return thresholdDays;
    }
}
