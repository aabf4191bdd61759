package nl.accountlifecycle.targetsim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The HTTP side: one loopback server that routes to the SCIM endpoints, the token endpoint, the webhook receivers,
 * the control API and the status page. The fault switches apply to {@code /scim/v2} and {@code /webhooks} only,
 * never to the control API, the page or {@code /oauth/token}, so a fault test hits the call it aims at.
 * <p>
 * The delay sleeps on one of {@value #THREADS} worker threads, so up to that many delayed requests wait side by side
 * without holding up each other or the control API.
 */
final class SimServer {

    static final int THREADS = 64;

    private static final String BAD_GATEWAY = "<html><head><title>502 Bad Gateway</title></head><body><center>"
            + "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

    private final InetAddress host;
    private final int port;
    private final ScimEndpoint scim;
    private final OAuthTokens tokens;
    private final WebhookReceiver webhooks;
    private final ControlApi control;
    private final StatusPage page;
    private final Switches switches;
    private HttpServer server;
    private ExecutorService executor;
    private boolean portClosed;

    SimServer(InetAddress host, int port, ScimEndpoint scim, OAuthTokens tokens, WebhookReceiver webhooks, ControlApi control,
            StatusPage page, Switches switches) throws IOException {
        this.host = host;
        this.scim = scim;
        this.tokens = tokens;
        this.webhooks = webhooks;
        this.control = control;
        this.page = page;
        this.switches = switches;
        bind(port);
        this.port = server.getAddress().getPort();
    }

    private void bind(int p) throws IOException {
        // without TCP_NODELAY the JDK's server holds small answers back (Nagle's algorithm against delayed ACKs), about
        // 40 ms each on loopback: a real target does not, and the benchmarks' 20 ms round trip would be 60 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer s = HttpServer.create(new InetSocketAddress(host, p), 200);
        executor = Executors.newFixedThreadPool(THREADS);
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        s.start();
        server = s;
    }

    int port() {
        return port;
    }

    /** Closed: the port refuses connections ("connection refused"), control API included; open again on the same port. */
    synchronized void setPortClosed(boolean value) throws IOException {
        if (value && !portClosed) {
            stop();
        } else if (!value && portClosed) {
            bind(port);
        }
        portClosed = value;
    }

    /** Closes the port now, from another thread so the caller's answer gets out first, and opens it after {@code millis}. */
    void closePortFor(int millis) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(50);
                setPortClosed(true);
                Thread.sleep(millis);
                setPortClosed(false);
            } catch (IOException e) {
                System.err.println("target simulator: could not reopen port " + port + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "target-simulator-port-closed");
        t.setDaemon(true);
        t.start();
    }

    synchronized void close() {
        if (!portClosed) {
            stop();
        }
        portClosed = true;
    }

    private void stop() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                Http.send(exchange, 500, "text/plain; charset=utf-8", "simulator error: " + e);
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.equals("/") && "GET".equals(exchange.getRequestMethod())) {
            Http.send(exchange, 200, "text/html; charset=utf-8", page.render());
        } else if (path.startsWith("/_sim/")) {
            control.handle(exchange, path, body);
        } else if (path.equals("/oauth/token")) {
            tokens.handle(exchange, body);
        } else if (path.equals(ScimEndpoint.BASE) || path.startsWith(ScimEndpoint.BASE + "/")) {
            if (!faulted(exchange, Switches.Scope.SCIM, null, body)) {
                scim.handle(exchange, path.substring(ScimEndpoint.BASE.length()), body);
            }
        } else if (path.matches("/webhooks/[^/]+")) {
            String name = path.substring("/webhooks/".length());
            if (!faulted(exchange, Switches.Scope.WEBHOOKS, name, body)) {
                webhooks.handle(exchange, name, body);
            }
        } else {
            Http.send(exchange, 404, "text/plain; charset=utf-8", "not found: " + path);
        }
    }

    /**
     * Applies the switches to a target request: down drops it (the connection closes with no answer at all), the
     * delay sleeps, and a pending counted fault answers instead of the target. True when the request is done.
     */
    private boolean faulted(HttpExchange exchange, Switches.Scope target, String webhookName, byte[] body) throws IOException {
        if (switches.down(target)) {
            return true; // closing the exchange before any response headers closes the connection
        }
        sleep(switches.rttMillis(target));
        if (switches.down(target)) {
            return true;
        }
        Switches.Fault fault = switches.take(target);
        if (fault == null) {
            return false;
        }
        if (webhookName != null) {
            webhooks.recordFault(exchange, webhookName, body, fault.status());
        }
        if (fault.html()) {
            Http.send(exchange, fault.status(), "text/html", BAD_GATEWAY);
            return true;
        }
        String detail = fault.status() == 429 ? "too many requests; retry after " + fault.retryAfterSeconds() + " s"
                : "a failure asked for by the failNext switch";
        if (fault.status() == 429) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(fault.retryAfterSeconds()));
        }
        if (target == Switches.Scope.SCIM) {
            ScimEndpoint.send(exchange, fault.status(), new ScimError(fault.status(), null, detail).toJson());
        } else {
            Http.sendJson(exchange, fault.status(), Map.of("error", detail));
        }
        return true;
    }

    private static void sleep(int millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
