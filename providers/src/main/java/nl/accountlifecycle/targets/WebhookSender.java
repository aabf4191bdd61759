package nl.accountlifecycle.targets;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import nl.accountlifecycle.support.BundleInfo;

/** Posts a signed message to a webhook target; a 2xx answer delivers it. */
final class WebhookSender {

    static final String WHO = "the receiver";

    private final TargetHttp http;

    WebhookSender(TargetHttp http) {
        this.http = http;
    }

    CompletableFuture<Outcome> send(URI url, WebhookMessage message, String secret) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(http.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "account-lifecycle/" + BundleInfo.get().version())
                .header("webhook-id", message.id())
                .header("webhook-timestamp", Long.toString(message.timestamp()))
                .header("webhook-signature", message.signature(secret))
                .POST(HttpRequest.BodyPublishers.ofString(message.body()))
                .build();
        return http.client().sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> error != null ? Outcome.failed(TargetHttp.reason(error, WHO))
                        : TargetHttp.outcome(response, WHO));
    }
}
