package nl.accountlifecycle.password;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import nl.accountlifecycle.activation.ActivationState;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * One user's password dates: when the newest password was set, and when it expires under the realm's
 * {@code forceExpiredPasswordChange} policy. Either is null: no password, or no expiry in the policy.
 */
public record PasswordStatus(Instant lastChanged, Instant expiresAt) {

    public static PasswordStatus of(RealmModel realm, UserModel user) {
        return of(PasswordExpiry.lastChanged(user).orElse(null), PasswordExpiry.policyDays(realm));
    }

    static PasswordStatus of(Instant lastChanged, int policyDays) {
        Instant expiresAt = lastChanged == null || policyDays <= 0 ? null : PasswordExpiry.expiresAt(lastChanged, policyDays);
        return new PasswordStatus(lastChanged, expiresAt);
    }

    /** The admin API's shape: {@code {"lastChanged": ISO or null, "expiresAt": ISO or null}}. */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("lastChanged", lastChanged == null ? null : ActivationState.iso(lastChanged));
        view.put("expiresAt", expiresAt == null ? null : ActivationState.iso(expiresAt));
        return view;
    }
}
