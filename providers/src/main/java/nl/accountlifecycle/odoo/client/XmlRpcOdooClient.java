package nl.accountlifecycle.odoo.client;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.SAXParserFactory;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.apache.xmlrpc.client.XmlRpcHttpTransportException;
import org.apache.xmlrpc.client.XmlRpcSun15HttpTransportFactory;
import org.apache.xmlrpc.util.SAXParsers;

/**
 * Odoo's XML-RPC API (Odoo up to 19; scheduled for removal in Odoo 22): {@code /xmlrpc/2/common}
 * {@code authenticate} once for the uid, then {@code /xmlrpc/2/object} {@code execute_kw}. Built on the
 * maintained fork of Apache XML-RPC, shaded into the provider jar, with its extensions off: a fault is read as a
 * code and a string only, and a server-sent serialized object is never deserialized. The JDK's
 * {@code HttpURLConnection} transport keeps connections alive and is safe to use from several threads.
 */
final class XmlRpcOdooClient implements OdooClient {

    static {
        // no DOCTYPE, no external entities: an answer is data, never a reason to fetch anything
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot harden the XML parser", e);
        }
        SAXParsers.setSAXParserFactory(factory);
    }

    private final OdooEndpoint endpoint;
    private final XmlRpcClient common;
    private final XmlRpcClient object;
    private volatile Integer uid;

    XmlRpcOdooClient(OdooEndpoint endpoint) {
        this.endpoint = endpoint;
        this.common = client("/xmlrpc/2/common");
        this.object = client("/xmlrpc/2/object");
    }

    private XmlRpcClient client(String path) {
        XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
        try {
            config.setServerURL(new URL(endpoint.url().toString().replaceAll("/+$", "") + path));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("url is not a valid URL");
        }
        config.setEnabledForExtensions(false);
        config.setEnabledForExceptions(false);
        config.setConnectionTimeout((int) endpoint.timeout().toMillis());
        config.setReplyTimeout((int) endpoint.timeout().toMillis());
        config.setEncoding("UTF-8");
        XmlRpcClient client = new XmlRpcClient();
        client.setConfig(config);
        client.setTransportFactory(new XmlRpcSun15HttpTransportFactory(client));
        return client;
    }

    @Override
    public int uid() throws OdooException {
        Integer known = uid;
        if (known != null) {
            return known;
        }
        Object result = execute(common, "authenticate",
                List.of(endpoint.database(), endpoint.login(), endpoint.apiKey(), Map.of()));
        if (!(result instanceof Integer id) || id <= 0) {
            throw new OdooException(OdooException.Kind.AUTHENTICATION,
                    "authenticate returned False");
        }
        uid = id;
        return id;
    }

    private Object executeKw(String model, String method, List<Object> args, Map<String, Object> kwargs)
            throws OdooException {
        List<Object> params = Arrays.asList(endpoint.database(), uid(), endpoint.apiKey(), model, method, args, kwargs);
        try {
            return execute(object, "execute_kw", params);
        } catch (OdooException e) {
            if (e.kind() == OdooException.Kind.AUTHENTICATION) {
                uid = null; // the key may have changed; authenticate again next time
            }
            throw e;
        }
    }

    @Override
    public List<Map<String, Object>> searchRead(String model, List<Object> domain, List<String> fields,
                                                Map<String, Object> context) throws OdooException {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("fields", fields);
        kwargs.put("context", context == null ? Map.of() : context);
        Object result = executeKw(model, "search_read", List.of(domain), kwargs);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object row : asList(result)) {
            rows.add(asMap(row));
        }
        return rows;
    }

    @Override
    public List<Integer> create(String model, List<Map<String, Object>> values, Map<String, Object> context)
            throws OdooException {
        Object result = executeKw(model, "create", List.of(values), Map.of("context", context == null ? Map.of() : context));
        if (result instanceof Integer id) {
            return List.of(id);
        }
        List<Integer> ids = new ArrayList<>();
        for (Object id : asList(result)) {
            ids.add(((Number) id).intValue());
        }
        return ids;
    }

    @Override
    public void write(String model, List<Integer> ids, Map<String, Object> values, Map<String, Object> context)
            throws OdooException {
        executeKw(model, "write", List.of(ids, values), Map.of("context", context == null ? Map.of() : context));
    }

    @Override
    public Set<String> fieldNames(String model) throws OdooException {
        Object result = executeKw(model, "fields_get", List.of(), Map.of("attributes", List.of("type")));
        return new LinkedHashSet<>(asMap(result).keySet());
    }

    private Object execute(XmlRpcClient client, String method, List<Object> params) throws OdooException {
        try {
            return normalise(client.execute(method, params));
        } catch (XmlRpcHttpTransportException e) {
            int status = e.getStatusCode();
            throw new OdooException(status == 502 || status == 503 || status == 504
                    ? OdooException.Kind.UNAVAILABLE : OdooException.Kind.PROTOCOL, "HTTP " + status);
        } catch (XmlRpcException e) {
            throw classify(e);
        } catch (RuntimeException e) {
            throw new OdooException(OdooException.Kind.PROTOCOL, "not an XML-RPC answer");
        }
    }

    /**
     * Faults carry Odoo's code; anything else is about the connection or an answer that is not XML-RPC. The
     * fault text is read to classify, never kept: reasons carry no text a server chose, and every connection
     * failure reads the same, so reasons do not map a network's ports.
     */
    private OdooException classify(XmlRpcException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException) {
                return new OdooException(OdooException.Kind.UNAVAILABLE, OdooException.NO_CONNECTION);
            }
        }
        String message = lastLine(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e.code == 0 && e.getClass() != XmlRpcException.class) {
            return new OdooException(OdooException.Kind.PROTOCOL, "not an XML-RPC answer");
        }
        return switch (e.code) {
            case 2 -> new OdooException(OdooException.Kind.VALIDATION, "fault 2");
            case 3 -> new OdooException(OdooException.Kind.AUTHENTICATION, "fault 3");
            case 4 -> new OdooException(OdooException.Kind.ACCESS, "fault 4");
            case 1 -> new OdooException(message.contains("does not exist") && message.contains("database")
                    ? OdooException.Kind.DATABASE : OdooException.Kind.SERVER, "fault 1");
            default -> e.getCause() != null || e.code == 0
                    ? new OdooException(OdooException.Kind.PROTOCOL, "not an XML-RPC answer")
                    : new OdooException(OdooException.Kind.SERVER, "fault " + e.code);
        };
    }

    /** Odoo puts a traceback in fault 1; its last line says what went wrong. */
    private static String lastLine(String text) {
        if (text == null) {
            return "";
        }
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1];
    }

    /** Apache XML-RPC returns Object[] for arrays; the sync works with lists. */
    private static Object normalise(Object value) {
        if (value instanceof Object[] array) {
            List<Object> list = new ArrayList<>(array.length);
            for (Object item : array) {
                list.add(normalise(item));
            }
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalise(v)));
            return copy;
        }
        return value;
    }

    private static List<?> asList(Object value) throws OdooException {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new OdooException(OdooException.Kind.PROTOCOL, "expected a list, got " + typeName(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) throws OdooException {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new OdooException(OdooException.Kind.PROTOCOL, "expected a struct, got " + typeName(value));
    }

    private static String typeName(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** Nothing to release: each call opens a JDK {@code HttpURLConnection}, whose keep-alive cache times out alone. */
    @Override
    public void close() {
    }
}
