package nl.accountlifecycle.targets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A realm's provisioning target: where its users' changes go besides Odoo. The signing secret (or a vault reference
 * to it) lives in {@code SECRET}, which no endpoint returns; the other columns are what {@code GET targets} shows.
 */
@Entity
@Table(name = "AL_TARGET")
public class TargetEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "NAME", length = 64, nullable = false)
    private String name;

    @Column(name = "KIND", length = 16, nullable = false)
    private String kind;

    @Column(name = "URL", length = 1000, nullable = false)
    private String url;

    @Column(name = "ENABLED", nullable = false)
    private boolean enabled;

    @Column(name = "MAX_ATTEMPTS", nullable = false)
    private int maxAttempts;

    @Column(name = "SECRET", length = 1000)
    private String secret;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "LAST_SUCCESS_AT")
    private Long lastSuccessAt;

    /** The kind's settings other than the secret, as JSON ({@link ScimSettings} for SCIM); null for a webhook. */
    @Column(name = "SETTINGS", length = 4000)
    private String settings;

    /** {@code running} while a re-sync queues the realm's users page by page; null before the first, then {@code done}. */
    @Column(name = "RESYNC_STATUS", length = 16)
    private String resyncStatus;

    /** The last user id a re-sync queued (keyset). */
    @Column(name = "RESYNC_CURSOR", length = 36)
    private String resyncCursor;

    @Column(name = "RESYNC_TOTAL")
    private Long resyncTotal;

    @Column(name = "RESYNC_DONE")
    private Long resyncDone;

    @Column(name = "RESYNC_STARTED_AT")
    private Long resyncStartedAt;

    protected TargetEntity() {
    }

    TargetEntity(String id, String realmId, String kind, long now) {
        this.id = id;
        this.realmId = realmId;
        this.kind = kind;
        this.createdAt = now;
    }

    public String getId() {
        return id;
    }

    public String getRealmId() {
        return realmId;
    }

    public String getName() {
        return name;
    }

    public String getKind() {
        return kind;
    }

    public String getUrl() {
        return url;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    String getSettings() {
        return settings;
    }

    void kindSettings(String settings) {
        this.settings = settings;
    }

    String getSecret() {
        return secret;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public Long getLastSuccessAt() {
        return lastSuccessAt;
    }

    void settings(String name, String url, boolean enabled, int maxAttempts) {
        this.name = name;
        this.url = url;
        this.enabled = enabled;
        this.maxAttempts = maxAttempts;
    }

    public String getResyncStatus() {
        return resyncStatus;
    }

    String getResyncCursor() {
        return resyncCursor;
    }

    public long getResyncTotal() {
        return resyncTotal == null ? 0 : resyncTotal;
    }

    public long getResyncDone() {
        return resyncDone == null ? 0 : resyncDone;
    }

    public Long getResyncStartedAt() {
        return resyncStartedAt;
    }

    void resyncStarted(long total, long at) {
        this.resyncStatus = TargetResync.RUNNING;
        this.resyncCursor = null;
        this.resyncTotal = total;
        this.resyncDone = 0L;
        this.resyncStartedAt = at;
    }

    /** A page was queued; {@code last} says it was the last one. */
    void resyncQueued(String cursor, int queued, boolean last) {
        this.resyncCursor = cursor;
        this.resyncDone = getResyncDone() + queued;
        if (last) {
            this.resyncStatus = TargetResync.DONE;
            this.resyncTotal = this.resyncDone;
        }
    }

    void secret(String secret) {
        this.secret = secret;
    }
}
