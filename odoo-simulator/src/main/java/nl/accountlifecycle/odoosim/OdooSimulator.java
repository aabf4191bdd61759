package nl.accountlifecycle.odoosim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback Odoo for tests, benchmarks and the demo. It speaks the two external APIs the sync uses, over real
 * HTTP on 127.0.0.1:
 * <ul>
 *   <li>XML-RPC: {@code /xmlrpc/2/common} ({@code version}, {@code authenticate}) and {@code /xmlrpc/2/object}
 *   ({@code execute_kw}), with Odoo's fault codes;</li>
 *   <li>JSON-2 (Odoo 19+): {@code POST /json/2/<model>/<method>} with a bearer API key, named parameters and
 *   Odoo's HTTP status codes and error bodies.</li>
 * </ul>
 * Switches make it go down, slow, flaky, answer HTML like a broken proxy, hang, or send a fault carrying a
 * serialized Java object. {@code GET /} lists the users; {@code /_sim/*} is the control API.
 */
public final class OdooSimulator implements AutoCloseable {

    public static final int ADMIN_UID = 2;
    public static final int OAUTH_PROVIDER_ID = 3;
    /** Odoo's groups in the simulator: {@code base.group_user}, {@code base.group_system} (implies
     * {@code base.group_erp_manager}, which implies {@code base.group_user}), {@code sales_team.group_sale_salesman}. */
    public static final int GROUP_USER = 1;
    public static final int GROUP_SYSTEM = 2;
    public static final int GROUP_SALES = 3;
    public static final int GROUP_ERP_MANAGER = 4;

    private final ObjectMapper json = new ObjectMapper();
    private final OdooStore store = new OdooStore();
    private final String database;
    private final String login;
    private volatile String apiKey;
    private final int port;
    private HttpServer server;
    private ExecutorService executor;
    private final Map<String, AtomicLong> calls = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile boolean down;
    private volatile int rttMillis;
    private volatile double failRate;
    private volatile boolean htmlErrors;
    private volatile int hangMillis;
    private volatile boolean serializedFault;

    private OdooSimulator(int port, String database, String login, String apiKey, int version) throws IOException {
        this.database = database;
        this.login = login;
        this.apiKey = apiKey;
        this.store.version = version;
        this.server = bind(port);
        this.port = server.getAddress().getPort();
    }

    /** Starts on 127.0.0.1:{@code port} (0: any free port) with database {@code odoo}, login {@code admin}, key {@code sim-api-key}. */
    public static OdooSimulator start(int port) throws IOException {
        return start(port, "odoo", "admin", "sim-api-key", 17);
    }

    public static OdooSimulator start(int port, String database, String login, String apiKey, int version) throws IOException {
        return new OdooSimulator(port, database, login, apiKey, version);
    }

    private HttpServer bind(int p) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 200);
        executor = Executors.newFixedThreadPool(32);
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        s.start();
        return s;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String database() {
        return database;
    }

    public String login() {
        return login;
    }

    public String apiKey() {
        return apiKey;
    }

    // ---- switches ----

    /** Down: the port is closed, so clients get "connection refused"; up again on the same port. */
    public synchronized void setDown(boolean value) throws IOException {
        if (value && !down) {
            server.stop(0);
            executor.shutdownNow();
        } else if (!value && down) {
            server = bind(port);
        }
        down = value;
    }

    public void setRttMillis(int value) {
        rttMillis = Math.max(0, value);
    }

    public void setFailRate(double value) {
        failRate = Math.max(0, Math.min(1, value));
    }

    public void setHtmlErrors(boolean value) {
        htmlErrors = value;
    }

    public void setHangMillis(int value) {
        hangMillis = Math.max(0, value);
    }

    public void setSerializedFault(boolean value) {
        serializedFault = value;
    }

    public void setApiKey(String value) {
        apiKey = value;
    }

    public void setVersion(int value) {
        synchronized (store) {
            store.version = value;
        }
    }

    public void reset() {
        synchronized (store) {
            store.reset();
        }
        calls.clear();
    }

    // ---- inspection ----

    public List<Map<String, Object>> users() {
        synchronized (store) {
            return store.userRows();
        }
    }

    public Map<String, Object> findUserByOauthUid(String oauthUid) {
        return users().stream().filter(u -> oauthUid.equals(u.get("oauth_uid"))).findFirst().orElse(null);
    }

    /** How many ORM calls of {@code method} (e.g. {@code create}, {@code write}) were answered successfully. */
    public long callCount(String method) {
        AtomicLong count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    /** Creates a user directly, as an Odoo admin would, for tests of linking existing users. */
    public int createUser(String login, String name, String email) {
        return createUser(login, name, email, List.of(GROUP_USER), null);
    }

    /**
     * Creates a user directly with these groups (e.g. {@link #GROUP_SYSTEM} for an Odoo administrator) and, when
     * not null, an {@code oauth_uid} of another account.
     */
    public int createUser(String login, String name, String email, List<Integer> groupIds, String oauthUid) {
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("login", login);
        vals.put("name", name);
        vals.put("email", email);
        synchronized (store) {
            vals.put(store.groupsField(), List.of(List.of(6, 0, groupIds)));
            if (oauthUid != null) {
                vals.put("oauth_uid", oauthUid);
                vals.put("oauth_provider_id", OAUTH_PROVIDER_ID);
            }
            return store.create("res.users", List.of(vals)).get(0);
        }
    }

    /** {@code res.users.has_group}, as Odoo answers it: implied groups included. */
    public boolean hasGroup(int userId, String xmlId) {
        synchronized (store) {
            return store.hasGroup(userId, xmlId);
        }
    }

    @Override
    public void close() {
        if (!down) {
            server.stop(0);
            executor.shutdownNow();
        }
        down = true;
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/_sim/") || ("GET".equals(exchange.getRequestMethod()) && "/".equals(path))) {
                control(exchange, path, body);
                return;
            }
            if (rttMillis > 0) {
                sleep(rttMillis);
            }
            if (hangMillis > 0) {
                sleep(hangMillis);
            }
            if (htmlErrors) {
                send(exchange, 502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><center>"
                        + "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/html", "<html><body><h1>Method Not Allowed</h1></body></html>");
            } else if (path.equals("/xmlrpc/2/common") || path.equals("/xmlrpc/2/object")) {
                xmlrpc(exchange, path, body);
            } else if (path.startsWith("/json/2/") && store.version >= 19) {
                json2(exchange, path, body);
            } else {
                send(exchange, 404, "text/html", "<!doctype html><html><head><title>404 Not Found</title></head>"
                        + "<body><h1>Not Found</h1><p>The requested URL was not found on the server.</p></body></html>");
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", "simulator error: " + e);
        }
    }

    private void xmlrpc(HttpExchange exchange, String path, byte[] body) throws IOException {
        XmlRpc.Call call;
        try {
            call = XmlRpc.parseCall(body);
        } catch (IllegalArgumentException e) {
            sendXml(exchange, XmlRpc.fault(1, "Traceback (most recent call last):\nxml.parsers.expat.ExpatError: " + e.getMessage()));
            return;
        }
        try {
            Object result = path.endsWith("/common") ? common(call) : object(call);
            sendXml(exchange, XmlRpc.response(result));
        } catch (OdooError e) {
            if (serializedFault) {
                sendXml(exchange, XmlRpc.faultWithSerializedCause(e.kind.faultCode, e.getMessage(), serializedObject()));
            } else {
                sendXml(exchange, XmlRpc.fault(e.kind.faultCode, faultString(e)));
            }
        }
    }

    /** Odoo puts the message of a UserError in the fault string, and a traceback for other errors. */
    private static String faultString(OdooError e) {
        if (e.kind.faultCode == 1) {
            return "Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/odoo/http.py\", line 2150, in _serve_db\n"
                    + e.kind.pythonName.replace("builtins.", "") + ": " + e.getMessage() + "\n";
        }
        return e.getMessage();
    }

    private Object common(XmlRpc.Call call) {
        List<Object> p = call.params();
        switch (call.method()) {
            case "version":
                return versionInfo();
            case "authenticate":
            case "login": {
                checkDatabase(p.isEmpty() ? null : String.valueOf(p.get(0)));
                boolean ok = p.size() >= 3 && login.equals(p.get(1)) && apiKey.equals(p.get(2));
                count("authenticate");
                return ok ? ADMIN_UID : Boolean.FALSE;
            }
            default:
                throw new OdooError(OdooError.Kind.APPLICATION, "Method not available " + call.method());
        }
    }

    private Map<String, Object> versionInfo() {
        int v = store.version;
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("server_version", v + ".0");
        info.put("server_version_info", List.of(v, 0, 0, "final", 0, ""));
        info.put("server_serie", v + ".0");
        info.put("protocol_version", 1);
        return info;
    }

    private void checkDatabase(String db) {
        if (!database.equals(db)) {
            throw new OdooError(OdooError.Kind.APPLICATION, "connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: FATAL:  database \""
                    + db + "\" does not exist");
        }
    }

    @SuppressWarnings("unchecked")
    private Object object(XmlRpc.Call call) {
        if (!"execute_kw".equals(call.method())) {
            throw new OdooError(OdooError.Kind.APPLICATION, "Method not available " + call.method());
        }
        List<Object> p = call.params();
        if (p.size() < 6) {
            throw new OdooError(OdooError.Kind.APPLICATION, "execute_kw() missing required positional arguments");
        }
        checkDatabase(String.valueOf(p.get(0)));
        if (!(p.get(1) instanceof Integer uid) || uid != ADMIN_UID || !apiKey.equals(p.get(2))) {
            throw new OdooError(OdooError.Kind.ACCESS_DENIED, "Access Denied");
        }
        String model = String.valueOf(p.get(3));
        String method = String.valueOf(p.get(4));
        List<Object> args = p.get(5) instanceof List<?> l ? (List<Object>) l : List.of();
        Map<String, Object> kwargs = p.size() > 6 && p.get(6) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return orm(model, method, positional(method, args, kwargs));
    }

    /** XML-RPC passes ORM arguments by position; JSON-2 by name. Both end up as named parameters here. */
    private static Map<String, Object> positional(String method, List<Object> args, Map<String, Object> kwargs) {
        List<String> names = switch (method) {
            case "search_read" -> List.of("domain", "fields", "offset", "limit", "order");
            case "search" -> List.of("domain", "offset", "limit", "order");
            case "search_count" -> List.of("domain");
            case "read" -> List.of("ids", "fields");
            case "create" -> List.of("vals_list");
            case "write" -> List.of("ids", "vals");
            case "fields_get" -> List.of("allfields", "attributes");
            case "has_group" -> List.of("ids", "group_ext_id");
            default -> List.of();
        };
        Map<String, Object> named = new LinkedHashMap<>(kwargs);
        for (int i = 0; i < args.size() && i < names.size(); i++) {
            named.put(names.get(i), args.get(i));
        }
        return named;
    }

    private void json2(HttpExchange exchange, String path, byte[] body) throws IOException {
        String[] parts = path.substring("/json/2/".length()).split("/");
        try {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.regionMatches(true, 0, "bearer ", 0, 7) || !apiKey.equals(auth.substring(7).strip())) {
                throw new OdooError(OdooError.Kind.ACCESS_DENIED, "Invalid apikey");
            }
            String db = exchange.getRequestHeaders().getFirst("X-Odoo-Database");
            if (db != null && !database.equals(db)) {
                throw new OdooError(OdooError.Kind.NOT_FOUND, "Database " + db + " not found");
            }
            if (parts.length != 2) {
                throw new OdooError(OdooError.Kind.NOT_FOUND, "The requested URL was not found on the server.");
            }
            Map<String, Object> params;
            try {
                params = body.length == 0 ? Map.of() : json.readValue(body, new TypeReference<Map<String, Object>>() { });
            } catch (IOException e) {
                throw new OdooError(OdooError.Kind.USER, "Invalid JSON data");
            }
            Object result = orm(parts[0], parts[1], params);
            send(exchange, 200, "application/json; charset=utf-8", json.writeValueAsString(result));
        } catch (OdooError e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("name", e.kind == OdooError.Kind.ACCESS_DENIED ? "werkzeug.exceptions.Unauthorized" : e.kind.pythonName);
            error.put("message", e.getMessage());
            error.put("arguments", List.of(e.getMessage()));
            error.put("context", Map.of());
            error.put("debug", "Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/odoo/http.py\"\n"
                    + e.kind.pythonName + ": " + e.getMessage() + "\n");
            send(exchange, e.kind.httpStatus, "application/json; charset=utf-8", json.writeValueAsString(error));
        }
    }

    @SuppressWarnings("unchecked")
    private Object orm(String model, String method, Map<String, Object> params) {
        if (failRate > 0 && ThreadLocalRandom.current().nextDouble() < failRate) {
            throw new OdooError(OdooError.Kind.APPLICATION, "simulated server failure (psycopg2.errors.SerializationFailure)");
        }
        Map<String, Object> context = params.get("context") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
        Object result;
        synchronized (store) {
            store.fields(model); // unknown model → error
            result = switch (method) {
                case "search_read" -> store.read(model, store.search(model, list(params.get("domain")), context,
                        intOr(params.get("offset"), 0), intOr(params.get("limit"), 0)), strings(params.get("fields")));
                case "search" -> store.search(model, list(params.get("domain")), context,
                        intOr(params.get("offset"), 0), intOr(params.get("limit"), 0));
                case "search_count" -> store.search(model, list(params.get("domain")), context, 0, 0).size();
                case "read" -> store.read(model, ids(params.get("ids")), strings(params.get("fields")));
                case "create" -> {
                    Object vals = params.get("vals_list");
                    if (vals instanceof Map<?, ?> one) {
                        yield store.create(model, List.of(new LinkedHashMap<>((Map<String, Object>) one))).get(0);
                    }
                    List<Map<String, Object>> valsList = new ArrayList<>();
                    for (Object v : list(vals)) {
                        valsList.add(new LinkedHashMap<>((Map<String, Object>) v));
                    }
                    yield store.create(model, valsList);
                }
                case "write" -> {
                    store.write(model, ids(params.get("ids")), (Map<String, Object>) params.getOrDefault("vals", Map.of()));
                    yield true;
                }
                case "has_group" -> {
                    List<Integer> ids = ids(params.get("ids"));
                    if (!"res.users".equals(model) || ids.size() != 1) {
                        throw new OdooError(OdooError.Kind.APPLICATION, "Expected singleton: " + model + "(" + ids + ")");
                    }
                    yield store.hasGroup(ids.get(0), String.valueOf(params.get("group_ext_id")));
                }
                case "fields_get" -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    for (String f : store.fields(model)) {
                        fields.put(f, Map.of("type", f.endsWith("_id") || "title".equals(f) ? "many2one"
                                : f.endsWith("_ids") ? "many2many" : "char", "string", f));
                    }
                    yield fields;
                }
                default -> throw new OdooError(OdooError.Kind.APPLICATION,
                        "The method '" + method + "' does not exist on the model '" + model + "'");
            };
        }
        count(method);
        return result;
    }

    private void count(String method) {
        calls.computeIfAbsent(method, k -> new AtomicLong()).incrementAndGet();
    }

    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw new OdooError(OdooError.Kind.APPLICATION, "expected a list, got " + value);
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }

    private static List<Integer> ids(Object value) {
        if (value instanceof Number n) {
            return List.of(n.intValue());
        }
        return list(value).stream().map(v -> ((Number) v).intValue()).toList();
    }

    private static int intOr(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }

    private static String serializedObject() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of("a serialized Java object a client must never read")));
            out.flush();
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- control API and listing ----

    private void control(HttpExchange exchange, String path, byte[] body) throws IOException {
        switch (path) {
            case "/" -> send(exchange, 200, "text/html; charset=utf-8", listing());
            case "/_sim/users" -> send(exchange, 200, "application/json", json.writeValueAsString(users()));
            case "/_sim/state" -> send(exchange, 200, "application/json", json.writeValueAsString(state()));
            case "/_sim/reset" -> {
                reset();
                send(exchange, 200, "application/json", json.writeValueAsString(state()));
            }
            case "/_sim/config" -> {
                Map<String, Object> config = json.readValue(body, new TypeReference<Map<String, Object>>() { });
                if (config.get("rttMillis") instanceof Number n) {
                    setRttMillis(n.intValue());
                }
                if (config.get("failRate") instanceof Number n) {
                    setFailRate(n.doubleValue());
                }
                if (config.get("hangMillis") instanceof Number n) {
                    setHangMillis(n.intValue());
                }
                if (config.get("htmlErrors") instanceof Boolean b) {
                    setHtmlErrors(b);
                }
                if (config.get("serializedFault") instanceof Boolean b) {
                    setSerializedFault(b);
                }
                if (config.get("version") instanceof Number n) {
                    setVersion(n.intValue());
                }
                send(exchange, 200, "application/json", json.writeValueAsString(state()));
            }
            default -> send(exchange, 404, "application/json", "{\"error\":\"unknown control path\"}");
        }
    }

    private Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("version", store.version);
        state.put("database", database);
        state.put("rttMillis", rttMillis);
        state.put("failRate", failRate);
        state.put("hangMillis", hangMillis);
        state.put("htmlErrors", htmlErrors);
        state.put("serializedFault", serializedFault);
        Map<String, Long> counts = new LinkedHashMap<>();
        calls.forEach((k, v) -> counts.put(k, v.get()));
        state.put("calls", counts);
        return state;
    }

    private String listing() {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Odoo simulator</title>"
                + "<style>body{font-family:sans-serif}td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left}</style>"
                + "</head><body><h1>Odoo simulator: res.users</h1><table><tr>");
        List<String> columns = List.of("id", "login", "name", "email", "active", "oauth_uid", "phone", "function", "title");
        columns.forEach(c -> html.append("<th>").append(c).append("</th>"));
        html.append("</tr>");
        for (Map<String, Object> user : users()) {
            html.append("<tr>");
            columns.forEach(c -> html.append("<td>").append(XmlRpc.escape(String.valueOf(user.get(c))).replace("\"", "&quot;")).append("</td>"));
            html.append("</tr>");
        }
        return html.append("</table></body></html>").toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendXml(HttpExchange exchange, String xml) throws IOException {
        send(exchange, 200, "text/xml; charset=utf-8", xml);
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
