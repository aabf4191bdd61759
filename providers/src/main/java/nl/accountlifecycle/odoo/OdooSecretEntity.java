package nl.accountlifecycle.odoo;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A realm's Odoo API key: the key itself or a vault reference {@code ${vault.name}}. Kept in the bundle's own
 * table, never in realm attributes: those are shown by {@code GET /admin/realms/{realm}} to anyone with
 * {@code view-realm} and copied into admin events. No admin endpoint returns this column.
 */
@Entity
@Table(name = "AL_ODOO_SECRET")
public class OdooSecretEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "API_KEY", length = 500, nullable = false)
    private String apiKey;

    /** {@code host:port} of the Odoo URL the key was given for: a key never goes to another host. */
    @Column(name = "KEY_HOST", length = 300)
    private String keyHost;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    protected OdooSecretEntity() {
    }

    OdooSecretEntity(String realmId) {
        this.realmId = realmId;
    }

    String getApiKey() {
        return apiKey;
    }

    String getKeyHost() {
        return keyHost;
    }

    void setApiKey(String apiKey, String keyHost, long now) {
        this.apiKey = apiKey;
        this.keyHost = keyHost;
        this.updatedAt = now;
    }

    @Override
    public String toString() {
        return "OdooSecretEntity[realmId=" + realmId + ", apiKey=**********]";
    }
}
