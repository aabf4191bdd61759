package nl.accountlifecycle.targets;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * What the targets' HTTP clients share: one {@code java.net.http} client per node that follows no redirect (a redirect
 * could lead to a host the operator did not allow), and the reading of an answer into an {@link Outcome} whose reason
 * names the status or the network fault, never the target's body. {@code Retry-After} in seconds of a 429 or 503 is kept.
 */
final class TargetHttp {

    private final HttpClient client;
    private final Duration timeout;

    TargetHttp(Executor executor, Duration timeout) {
        this.timeout = timeout;
        // HTTP/1.1: an http:// target would otherwise be asked to upgrade to h2c on every new connection
        this.client = HttpClient.newBuilder().executor(executor).connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpClient client() {
        return client;
    }

    Duration timeout() {
        return timeout;
    }

    /** A 2xx answer delivers; any other is a failure naming the status. */
    static Outcome outcome(HttpResponse<?> response, String who) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Outcome.DELIVERED;
        }
        return new Outcome(false, who + " answered HTTP " + status, retryAfter(response), false);
    }

    static Long retryAfter(HttpResponse<?> response) {
        int status = response.statusCode();
        if (status != 429 && status != 503) {
            return null;
        }
        return response.headers().firstValue("Retry-After").map(TargetHttp::seconds).orElse(null);
    }

    private static Long seconds(String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds >= 0 && seconds <= 86_400 ? seconds * 1000 : null;
        } catch (NumberFormatException e) {
            return null; // an HTTP date: the usual backoff applies
        }
    }

    static String reason(Throwable error, String who) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection to " + who + " within the time-out";
        }
        if (cause instanceof HttpTimeoutException) {
            return who + " did not answer within the time-out";
        }
        if (cause instanceof ConnectException) {
            return who + " refused the connection";
        }
        return "the request to " + who + " failed: " + cause.getClass().getSimpleName();
    }
}
