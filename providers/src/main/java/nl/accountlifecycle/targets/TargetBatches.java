package nl.accountlifecycle.targets;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import nl.accountlifecycle.support.HostPolicy;
import nl.accountlifecycle.support.KeycloakTables;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.vault.VaultStringSecret;

/**
 * Reads a claimed batch for the target's kind, in one transaction, after the checks every kind shares: the target is
 * still enabled, and its URLs' hosts are on the operator's list (checked before every batch: the list can change with
 * a restart).
 */
final class TargetBatches {

    private final HostPolicy hosts;
    private final WebhookSender webhooks;
    private final ScimClient scim;
    private final int concurrency;

    TargetBatches(HostPolicy hosts, TargetHttp http, int concurrency) {
        this.hosts = hosts;
        this.webhooks = new WebhookSender(http);
        this.scim = new ScimClient(http);
        this.concurrency = concurrency;
    }

    TargetBatch prepare(KeycloakSession session, String targetId, List<DeliveryEntity> rows) {
        TargetEntity target = TargetOutbox.em(session).find(TargetEntity.class, targetId);
        if (target == null || !target.isEnabled()) {
            return new TargetBatch.Unsendable(null, true, 0);
        }
        RealmModel realm = session.realms().getRealm(target.getRealmId());
        session.getContext().setRealm(realm); // the vault and the user store resolve per realm from the context
        URI url = URI.create(target.getUrl());
        String refused = hosts.check(url);
        if (refused != null) {
            return new TargetBatch.Unsendable(refused, false, target.getMaxAttempts());
        }
        if (!TargetValidation.SCIM.equals(target.getKind())) {
            return WebhookBatch.prepare(session, target, url, rows, webhooks, concurrency);
        }
        ScimSettings settings = ScimSettings.parse(target.getSettings());
        if (settings.clientCredentials()) {
            refused = settings.tokenUrl() == null ? "no token URL" : hosts.check(URI.create(settings.tokenUrl()));
            if (refused != null) {
                return new TargetBatch.Unsendable(refused, false, target.getMaxAttempts());
            }
        }
        String secret = secret(session, target.getSecret());
        if (secret == null) {
            return new TargetBatch.Unsendable("the target's secret is not in the vault", false, target.getMaxAttempts());
        }
        String base = target.getUrl().replaceAll("/+$", "");
        List<String> ids = rows.stream().map(DeliveryEntity::getUserId).distinct().toList();
        List<String> attributes = new java.util.ArrayList<>(WebhookMessage.ATTRIBUTES);
        attributes.addAll(ScimUser.ENTERPRISE_ATTRIBUTES);
        return new ScimBatch(scim, new ScimClient.Target(target.getId(), base, secret, settings), concurrency,
                target.getMaxAttempts(), realm.getId(), rows, users(session, realm, rows, attributes, false),
                TargetQueries.links(TargetOutbox.em(session), target.getId(), ids));
    }

    /**
     * Runs {@code work} for each item (a batch's users), at most {@code concurrency} at once, and waits for all; the
     * work of one item is one chain of requests, so a user's own changes stay in order.
     */
    static <T> void sideBySide(int concurrency, Collection<T> items, Function<T, CompletableFuture<?>> work) {
        Semaphore slots = new Semaphore(concurrency);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (T item : items) {
            slots.acquireUninterruptibly();
            all.add(work.apply(item).whenComplete((done, error) -> slots.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(error -> null).join();
    }

    /** The batch's users now, read in bulk; a user of a federated store through the model; a deleted one is absent. */
    static Map<String, KeycloakTables.UserRow> users(KeycloakSession session, RealmModel realm, List<DeliveryEntity> rows,
                                                     Collection<String> attributes, boolean withGroups) {
        List<String> ids = rows.stream().map(DeliveryEntity::getUserId).distinct().toList();
        Map<String, KeycloakTables.UserRow> users = new HashMap<>(new KeycloakTables(session).users(realm.getId(), ids,
                attributes, withGroups));
        for (String id : ids) {
            if (!users.containsKey(id)) {
                UserModel user = session.users().getUserById(realm, id);
                if (user != null) {
                    users.put(id, WebhookMessage.row(user));
                }
            }
        }
        return users;
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
