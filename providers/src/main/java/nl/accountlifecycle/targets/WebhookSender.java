package nl.accountlifecycle.targets;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import nl.accountlifecycle.support.BundleInfo;

/**
 * Posts signed messages to a webhook target over {@code java.net.http} (no redirects followed: a redirect could lead
 * to a host the operator did not allow). A 2xx answer delivers; anything else is a failure whose reason names the
 * status or the network fault, never the receiver's body. {@code Retry-After} (seconds) of a 429 or 503 is kept.
 */
final class WebhookSender {

    /** How an attempt ended: delivered, or failed with a reason and, if the receiver said so, when to retry. */
    record Outcome(boolean delivered, String reason, Long retryAfterMillis) {

        static final Outcome DELIVERED = new Outcome(true, null, null);

        static Outcome failed(String reason) {
            return new Outcome(false, reason, null);
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    WebhookSender(Executor executor, Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().executor(executor).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    CompletableFuture<Outcome> send(URI url, WebhookMessage message, String secret) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "account-lifecycle/" + BundleInfo.get().version())
                .header("webhook-id", message.id())
                .header("webhook-timestamp", Long.toString(message.timestamp()))
                .header("webhook-signature", message.signature(secret))
                .POST(HttpRequest.BodyPublishers.ofString(message.body()))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> error != null ? Outcome.failed(reason(error)) : outcome(response));
    }

    private static Outcome outcome(HttpResponse<?> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Outcome.DELIVERED;
        }
        Long retryAfter = status == 429 || status == 503 ? response.headers().firstValue("Retry-After")
                .map(WebhookSender::seconds).orElse(null) : null;
        return new Outcome(false, "the receiver answered HTTP " + status, retryAfter);
    }

    private static Long seconds(String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds >= 0 && seconds <= 86_400 ? seconds * 1000 : null;
        } catch (NumberFormatException e) {
            return null; // an HTTP date: the usual backoff applies
        }
    }

    static String reason(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection to the receiver within the time-out";
        }
        if (cause instanceof HttpTimeoutException) {
            return "the receiver did not answer within the time-out";
        }
        if (cause instanceof ConnectException) {
            return "the receiver refused the connection";
        }
        return "the request failed: " + cause.getClass().getSimpleName();
    }
}
