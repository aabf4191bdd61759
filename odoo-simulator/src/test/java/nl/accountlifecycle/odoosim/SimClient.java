package nl.accountlifecycle.odoosim;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A test client written from the XML-RPC and JSON-2 specifications, independent of the simulator's own encoder:
 * Java values in, Java values (or a {@link Fault}) out.
 */
final class SimClient {

    record Fault(int code, String string) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final OdooSimulator sim;

    SimClient(OdooSimulator sim) {
        this.sim = sim;
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The raw XML-RPC answer to {@code method(params...)} on {@code /xmlrpc/2/<service>}. */
    String rawCall(String service, String method, Object... params) throws Exception {
        StringBuilder s = new StringBuilder("<?xml version='1.0'?><methodCall><methodName>" + method + "</methodName><params>");
        for (Object p : params) {
            s.append("<param>");
            encode(s, p);
            s.append("</param>");
        }
        return post("/xmlrpc/2/" + service, "text/xml", s.append("</params></methodCall>").toString()).body();
    }

    /** The decoded result, or a {@link Fault}. */
    Object call(String service, String method, Object... params) throws Exception {
        return decodeResponse(rawCall(service, method, params));
    }

    Object executeKw(String model, String method, List<?> args, Map<String, ?> kwargs) throws Exception {
        return executeKw(sim.apiKey(), model, method, args, kwargs);
    }

    Object executeKw(String key, String model, String method, List<?> args, Map<String, ?> kwargs) throws Exception {
        return call("object", "execute_kw", sim.database(), OdooSimulator.ADMIN_UID, key, model, method, args, kwargs);
    }

    HttpResponse<String> json2(String model, String method, String body, String... headers) throws Exception {
        return post("/json/2/" + model + "/" + method, "application/json", body, headers);
    }

    HttpResponse<String> json2(String model, String method, String body) throws Exception {
        return json2(model, method, body, "Authorization", "bearer " + sim.apiKey());
    }

    private static void encode(StringBuilder s, Object v) {
        s.append("<value>");
        if (v instanceof Boolean b) {
            s.append("<boolean>").append(b ? 1 : 0).append("</boolean>");
        } else if (v instanceof Integer i) {
            s.append("<int>").append(i).append("</int>");
        } else if (v instanceof Map<?, ?> m) {
            s.append("<struct>");
            m.forEach((k, x) -> {
                s.append("<member><name>").append(k).append("</name>");
                encode(s, x);
                s.append("</member>");
            });
            s.append("</struct>");
        } else if (v instanceof List<?> l) {
            s.append("<array><data>");
            l.forEach(x -> encode(s, x));
            s.append("</data></array>");
        } else {
            s.append("<string>").append(String.valueOf(v).replace("&", "&amp;").replace("<", "&lt;")).append("</string>");
        }
        s.append("</value>");
    }

    @SuppressWarnings("unchecked")
    static Object decodeResponse(String xml) throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        Element fault = child(root, "fault");
        if (fault != null) {
            Map<String, Object> f = (Map<String, Object>) decode(child(fault, "value"));
            return new Fault((Integer) f.get("faultCode"), (String) f.get("faultString"));
        }
        return decode(child(child(child(root, "params"), "param"), "value"));
    }

    private static Object decode(Element value) {
        Element typed = null;
        for (Node n = value.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                typed = e;
            }
        }
        if (typed == null) {
            return value.getTextContent();
        }
        return switch (typed.getTagName()) {
            case "int", "i4" -> Integer.valueOf(typed.getTextContent().strip());
            case "boolean" -> "1".equals(typed.getTextContent().strip());
            case "array" -> {
                List<Object> list = new ArrayList<>();
                for (Element v : children(child(typed, "data"), "value")) {
                    list.add(decode(v));
                }
                yield list;
            }
            case "struct" -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Element m : children(typed, "member")) {
                    map.put(child(m, "name").getTextContent(), decode(child(m, "value")));
                }
                yield map;
            }
            default -> typed.getTextContent();
        };
    }

    private static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                list.add(e);
            }
        }
        return list;
    }
}
