package nl.accountlifecycle.odoosim;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The HTTP side: one server on 127.0.0.1 that routes to the XML-RPC and JSON-2 endpoints and the control API,
 * applies the delay, hang and HTML switches to Odoo's paths (never to the control API), and can go down and come
 * back on the same port.
 */
final class SimServer {

    private final XmlRpcEndpoint xmlRpc;
    private final Json2Endpoint json2;
    private final ControlApi control;
    private final OdooStore store;
    private final Switches switches;
    private final int port;
    private HttpServer server;
    private ExecutorService executor;
    private boolean down;

    SimServer(int port, XmlRpcEndpoint xmlRpc, Json2Endpoint json2, ControlApi control, OdooStore store, Switches switches)
            throws IOException {
        this.xmlRpc = xmlRpc;
        this.json2 = json2;
        this.control = control;
        this.store = store;
        this.switches = switches;
        bind(port);
        this.port = server.getAddress().getPort();
    }

    private void bind(int p) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 200);
        executor = Executors.newFixedThreadPool(32);
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        s.start();
        server = s;
    }

    int port() {
        return port;
    }

    /** Down: the port is closed, so clients get "connection refused"; up again on the same port. */
    synchronized void setDown(boolean value) throws IOException {
        if (value && !down) {
            stop();
        } else if (!value && down) {
            bind(port);
        }
        down = value;
    }

    synchronized void close() {
        if (!down) {
            stop();
        }
        down = true;
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
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/_sim/") || ("GET".equals(exchange.getRequestMethod()) && "/".equals(path))) {
                control.handle(exchange, path, body);
                return;
            }
            sleep(switches.rttMillis);
            sleep(switches.hangMillis);
            if (switches.htmlErrors) {
                send(exchange, 502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><center>"
                        + "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
                return;
            }
            boolean json2Here;
            synchronized (store) {
                json2Here = store.odooVersion().hasJson2();
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/html", "<html><body><h1>Method Not Allowed</h1></body></html>");
            } else if (path.equals("/xmlrpc/2/common") || path.equals("/xmlrpc/2/object")) {
                xmlRpc.handle(exchange, path, body);
            } else if (path.startsWith("/json/2/") && json2Here) {
                json2.handle(exchange, path, body);
            } else {
                send(exchange, 404, "text/html", "<!doctype html><html><head><title>404 Not Found</title></head>"
                        + "<body><h1>Not Found</h1><p>The requested URL was not found on the server.</p></body></html>");
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", "simulator error: " + e);
        }
    }

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendXml(HttpExchange exchange, String xml) throws IOException {
        send(exchange, 200, "text/xml; charset=utf-8", xml);
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
