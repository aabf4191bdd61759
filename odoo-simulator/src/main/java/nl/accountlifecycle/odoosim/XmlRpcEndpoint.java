package nl.accountlifecycle.odoosim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/**
 * {@code /xmlrpc/2/common} ({@code version}, {@code authenticate}) and {@code /xmlrpc/2/object}
 * ({@code execute_kw}), answering with Odoo's integer fault codes ({@link OdooError}).
 */
final class XmlRpcEndpoint {

    private final OdooStore store;
    private final Orm orm;
    private final Switches switches;

    XmlRpcEndpoint(OdooStore store, Orm orm, Switches switches) {
        this.store = store;
        this.orm = orm;
        this.switches = switches;
    }

    void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
        XmlRpc.Call call;
        try {
            call = XmlRpc.parseCall(body);
        } catch (IllegalArgumentException e) {
            SimServer.sendXml(exchange, XmlRpc.fault(1, traceback("xml.parsers.expat.ExpatError", e.getMessage())));
            return;
        }
        try {
            Object result = path.endsWith("/common") ? common(call) : object(call);
            SimServer.sendXml(exchange, XmlRpc.response(result));
        } catch (OdooError e) {
            if (switches.serializedFault) {
                SimServer.sendXml(exchange, XmlRpc.faultWithSerializedCause(e.kind.faultCode, e.getMessage(), serializedObject()));
            } else {
                SimServer.sendXml(exchange, XmlRpc.fault(e.kind.faultCode, faultString(e)));
            }
        }
    }

    /**
     * {@code xmlrpc_handle_exception_int} (addons/rpc/controllers/xmlrpc.py, 19): {@code str(e)} for Odoo's
     * exceptions, the formatted traceback for anything else (fault 1).
     */
    private static String faultString(OdooError e) {
        return e.kind.faultCode == 1 ? traceback(e.kind.pythonName.replace("builtins.", ""), e.getMessage()) : e.getMessage();
    }

    private static String traceback(String exception, String message) {
        return "Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/odoo/http.py\", line 2150, in _serve_db\n"
                + exception + ": " + message + "\n";
    }

    private Object common(XmlRpc.Call call) {
        List<Object> p = call.params();
        switch (call.method()) {
            case "version":
                return versionInfo();
            case "authenticate":
            case "login": {
                checkDatabase(p.isEmpty() ? null : String.valueOf(p.get(0)));
                // res.users _login searches [('login', '=', login)]: an exact, case-sensitive match
                boolean ok = p.size() >= 3 && switches.login.equals(p.get(1)) && switches.apiKey.equals(p.get(2));
                orm.count("authenticate");
                return ok ? OdooSimulator.ADMIN_UID : Boolean.FALSE;
            }
            default:
                throw new OdooError(OdooError.Kind.APPLICATION, "Method not available " + call.method());
        }
    }

    private Map<String, Object> versionInfo() {
        int v;
        synchronized (store) {
            v = store.version();
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("server_version", v + ".0");
        info.put("server_version_info", List.of(v, 0, 0, "final", 0, ""));
        info.put("server_serie", v + ".0");
        info.put("protocol_version", 1);
        return info;
    }

    private void checkDatabase(String db) {
        if (!switches.database.equals(db)) {
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
        if (!(p.get(1) instanceof Integer uid) || uid != OdooSimulator.ADMIN_UID || !switches.apiKey.equals(p.get(2))) {
            throw new OdooError(OdooError.Kind.ACCESS_DENIED, "Access Denied");
        }
        String model = String.valueOf(p.get(3));
        String method = String.valueOf(p.get(4));
        List<Object> args = p.get(5) instanceof List<?> l ? (List<Object>) l : List.of();
        Map<String, Object> kwargs = p.size() > 6 && p.get(6) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return orm.call(model, method, Orm.named(method, args, kwargs));
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
}
