package nl.accountlifecycle.targets;

import java.net.URI;
import java.util.List;

import nl.accountlifecycle.support.HostPolicy;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Reads a claimed batch for the target's kind, in one transaction, after the checks every kind shares. */
final class TargetBatches {

    private final HostPolicy hosts;
    private final WebhookSender webhooks;
    private final int concurrency;

    TargetBatches(HostPolicy hosts, TargetHttp http, int concurrency) {
        this.hosts = hosts;
        this.webhooks = new WebhookSender(http);
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
        return WebhookBatch.prepare(session, target, url, rows, webhooks, concurrency);
    }
}
