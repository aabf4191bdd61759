package nl.accountlifecycle.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook endpoint on 127.0.0.1 for the integration tests: it takes the bundle's Standard Webhooks deliveries on
 * {@code POST /hook}, has the reference library ({@code com.standardwebhooks}) check their signatures, not the
 * bundle's own code, and records each one. Switches make it fail, answer slowly, or (stopped, then started again on
 * the same port) be down for a while.
 */
public final class WebhookReceiver implements AutoCloseable {

    /**
     * One request as it arrived: {@code timestamp} is the {@code webhook-timestamp} header (-1 when missing or not a
     * number), {@code verifyError} the library's message when the signature did not verify, {@code answered} the
     * status the receiver answered (also when the sender had given up waiting for it).
     */
    public record Delivery(String id, long timestamp, String body, boolean verified, String verifyError, int answered,
            Instant receivedAt) {
    }

    private final Webhook webhook;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Delivery> deliveries = new ArrayList<>();
    private int failures;
    private int failStatus;
    private long delayMillis;
    private int status = 204;

    private WebhookReceiver(String secret, int port) throws Exception {
        this.webhook = new Webhook(secret);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/hook", this::handle);
        server.start();
    }

    /** Starts a receiver on a free loopback port for the {@code whsec_...} secret; the caller closes it. */
    public static WebhookReceiver start(String secret) throws Exception {
        return start(secret, 0);
    }

    /** Starts a receiver on 127.0.0.1:{@code port}, e.g. the port of one stopped before, to end a down time. */
    public static WebhookReceiver start(String secret, int port) throws Exception {
        return new WebhookReceiver(secret, port);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    /** The next {@code count} requests, signed or not, are answered {@code status} with an HTML body, as a broken proxy does. */
    public synchronized void failNext(int count, int status) {
        this.failures = count;
        this.failStatus = status;
    }

    /** Each request waits this long before it is answered. */
    public synchronized void delayMillis(long millis) {
        this.delayMillis = millis;
    }

    /** The status a verified request is answered with when no failure is due; 204 at first. */
    public synchronized void answer(int status) {
        this.status = status;
    }

    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The deliveries whose signature verified and that were answered 2xx, in arrival order. */
    public List<Delivery> accepted() {
        return deliveries().stream().filter(d -> d.verified() && d.answered() / 100 == 2).toList();
    }

    public List<String> acceptedIds() {
        return accepted().stream().map(Delivery::id).toList();
    }

    /** Waits until at least {@code n} deliveries were accepted and returns all accepted ones. */
    public List<Delivery> awaitAccepted(int n, Duration timeout) {
        try {
            return Await.value(n + " accepted webhook deliveries", timeout, () -> accepted().size() >= n ? accepted() : null);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; arrived: " + deliveries(), e);
        }
    }

    /** Closes the port at once: from now on connections are refused. */
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant receivedAt = Instant.now();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String error = null;
            try {
                webhook.verify(body, exchange.getRequestHeaders());
            } catch (WebhookVerificationException e) {
                error = e.getMessage();
            }
            long delay;
            int answer;
            synchronized (this) {
                delay = delayMillis;
                answer = failures > 0 ? failStatus : error != null ? 400 : status;
                failures = Math.max(0, failures - 1);
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return; // stopped while waiting: the connection just closes
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = String.valueOf(exchange.getRequestHeaders().getFirst("webhook-timestamp"));
            synchronized (this) {
                deliveries.add(new Delivery(id, timestamp.matches("\\d{1,18}") ? Long.parseLong(timestamp) : -1, body,
                        error == null, error, answer, receivedAt));
            }
            String reply = answer >= 500 ? "<html><body>" + (answer == 502 ? "Bad gateway" : "Server error") + "</body></html>"
                    : answer == 400 && error != null ? error : "";
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer >= 500 ? "text/html" : "text/plain");
            exchange.sendResponseHeaders(answer, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
