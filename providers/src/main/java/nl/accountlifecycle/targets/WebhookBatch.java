package nl.accountlifecycle.targets;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import nl.accountlifecycle.support.KeycloakTables;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * One claimed batch of a webhook target: its URL and secret, and a message per row with its user's state now, grouped
 * by user in the order of their changes. Each user's messages go one after the other, stopping at the first failure;
 * users go side by side, {@code concurrency} at a time.
 */
record WebhookBatch(WebhookSender sender, int concurrency, URI url, String secret, int maxAttempts,
                    Map<String, List<WebhookMessage>> byUser) implements TargetBatch {

    static TargetBatch prepare(KeycloakSession session, TargetEntity target, URI url, List<DeliveryEntity> rows,
                               WebhookSender sender, int concurrency) {
        RealmModel realm = session.getContext().getRealm();
        String secret = TargetBatches.secret(session, target.getSecret());
        if (secret == null) {
            return new Unsendable("the target's secret is not in the vault", false, target.getMaxAttempts());
        }
        try {
            WebhookMessage.key(secret);
        } catch (IllegalArgumentException e) {
            return new Unsendable(e.getMessage(), false, target.getMaxAttempts());
        }
        // the wall clock, not the server's (test) offset: receivers refuse a webhook-timestamp more than minutes off
        Instant now = Instant.now();
        Map<String, KeycloakTables.UserRow> users = TargetBatches.users(session, realm, rows, WebhookMessage.ATTRIBUTES, true);
        Map<String, List<WebhookMessage>> byUser = new LinkedHashMap<>();
        for (DeliveryEntity row : rows) {
            byUser.computeIfAbsent(row.getUserId(), id -> new ArrayList<>())
                    .add(WebhookMessage.of(row, realm, users.get(row.getUserId()), now));
        }
        return new WebhookBatch(sender, concurrency, url, secret, target.getMaxAttempts(), byUser);
    }

    @Override
    public String problem() {
        return null;
    }

    @Override
    public boolean release() {
        return false;
    }

    @Override
    public void send(Map<String, Outcome> outcomes) {
        TargetBatches.sideBySide(concurrency, byUser.values(), messages -> {
            CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
            for (WebhookMessage message : messages) {
                chain = chain.thenCompose(ok -> !ok ? CompletableFuture.completedFuture(false)
                        : sender.send(url, message, secret).thenApply(outcome -> {
                            outcomes.put(message.id(), outcome);
                            return outcome.delivered();
                        }));
            }
            return chain;
        });
    }
}
