package nl.accountlifecycle.targets;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.support.HostPolicy;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.vault.VaultStringSecret;

/**
 * What one claimed batch of a webhook target sends, read in one transaction: the target's URL and secret, and a
 * message per row with its user's state now, grouped by user in the order of their changes. {@code problem} says why
 * nothing can be sent (the host is not allowed, the secret cannot be read); {@code release} that the target was
 * disabled or deleted meanwhile, so the rows wait untried.
 */
record WebhookBatch(URI url, String secret, int maxAttempts, Map<String, List<WebhookMessage>> byUser, String problem,
                    boolean release) {

    static WebhookBatch prepare(KeycloakSession session, HostPolicy hosts, String targetId, List<DeliveryEntity> rows) {
        TargetEntity target = TargetOutbox.em(session).find(TargetEntity.class, targetId);
        if (target == null || !target.isEnabled()) {
            return new WebhookBatch(null, null, 0, Map.of(), null, true);
        }
        RealmModel realm = session.realms().getRealm(target.getRealmId());
        session.getContext().setRealm(realm); // the vault and the user store resolve per realm from the context
        URI url = URI.create(target.getUrl());
        String refused = hosts.check(url);
        if (refused != null) {
            return failed(target, refused);
        }
        String secret = secret(session, target.getSecret());
        if (secret == null) {
            return failed(target, "the target's secret is not in the vault");
        }
        try {
            WebhookMessage.key(secret);
        } catch (IllegalArgumentException e) {
            return failed(target, e.getMessage());
        }
        // the wall clock, not the server's (test) offset: receivers refuse a webhook-timestamp more than minutes off
        Instant now = Instant.now();
        Map<String, UserModel> users = new HashMap<>();
        Map<String, List<WebhookMessage>> byUser = new LinkedHashMap<>();
        for (DeliveryEntity row : rows) {
            UserModel user = users.computeIfAbsent(row.getUserId(), id -> session.users().getUserById(realm, id));
            byUser.computeIfAbsent(row.getUserId(), id -> new ArrayList<>()).add(WebhookMessage.of(row, realm, user, now));
        }
        return new WebhookBatch(url, secret, target.getMaxAttempts(), byUser, null, false);
    }

    private static WebhookBatch failed(TargetEntity target, String problem) {
        return new WebhookBatch(null, null, target.getMaxAttempts(), Map.of(), problem, false);
    }

    /** The secret itself, or the vault's value for a {@code ${vault.name}} reference (null when the vault has none). */
    static String secret(KeycloakSession session, String stored) {
        if (stored == null || !TargetValidation.isVaultReference(stored)) {
            return stored;
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(stored)) {
            return secret.get().orElse(null);
        }
    }
}
