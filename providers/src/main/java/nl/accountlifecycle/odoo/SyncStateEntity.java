package nl.accountlifecycle.odoo;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Per realm: the last successful delivery, the optional fields the last batch left out with why, and the full
 * re-sync job's progress (kept so it survives a restart).
 */
@Entity
@Table(name = "AL_ODOO_SYNC_STATE")
public class SyncStateEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "LAST_SUCCESS_AT")
    private Long lastSuccessAt;

    /** {@code field: reason}, one per line; null when every field was delivered. */
    @Column(name = "SKIPPED_FIELDS", length = 1000)
    private String skippedFields;

    @Column(name = "RESYNC_STATUS", length = 16)
    private String resyncStatus;

    @Column(name = "RESYNC_TOTAL", nullable = false)
    private long resyncTotal;

    @Column(name = "RESYNC_DONE", nullable = false)
    private long resyncDone;

    @Column(name = "RESYNC_STARTED_AT")
    private Long resyncStartedAt;

    /** The last user id the re-sync queued ({@link OdooResync}); null before its first page. */
    @Column(name = "RESYNC_CURSOR", length = 36)
    private String resyncCursor;

    protected SyncStateEntity() {
    }

    SyncStateEntity(String realmId) {
        this.realmId = realmId;
    }

    public Long getLastSuccessAt() {
        return lastSuccessAt;
    }

    void setLastSuccessAt(long value) {
        lastSuccessAt = value;
    }

    public String getSkippedFields() {
        return skippedFields;
    }

    void setSkippedFields(String value) {
        skippedFields = value;
    }

    public ResyncStatus getResyncStatus() {
        return ResyncStatus.fromWire(resyncStatus);
    }

    public long getResyncTotal() {
        return resyncTotal;
    }

    public long getResyncDone() {
        return resyncDone;
    }

    public Long getResyncStartedAt() {
        return resyncStartedAt;
    }

    String getResyncCursor() {
        return resyncCursor;
    }

    void startResync(long total, long now) {
        resyncCursor = null;
        resyncStatus = ResyncStatus.RUNNING.wire();
        resyncTotal = total;
        resyncDone = 0;
        resyncStartedAt = now;
    }

    void resyncProgress(long done) {
        resyncDone = done;
        if (done >= resyncTotal) {
            resyncStatus = ResyncStatus.DONE.wire();
        }
    }
}
