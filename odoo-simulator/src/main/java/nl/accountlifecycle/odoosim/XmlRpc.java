package nl.accountlifecycle.odoosim;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The XML-RPC encoding as Python's {@code xmlrpc.client} (and so Odoo) speaks it: plain values only, no
 * extensions, DOCTYPEs refused. {@code None} goes out as {@code False}, as Odoo's marshaller does.
 */
final class XmlRpc {

    record Call(String method, List<Object> params) {
    }

    private XmlRpc() {
    }

    static Call parseCall(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document doc = builder.parse(new ByteArrayInputStream(body));
            Element root = doc.getDocumentElement();
            String method = text(child(root, "methodName"));
            List<Object> params = new ArrayList<>();
            Element paramsElement = child(root, "params");
            if (paramsElement != null) {
                for (Element param : children(paramsElement, "param")) {
                    params.add(value(child(param, "value")));
                }
            }
            return new Call(method, params);
        } catch (OdooError e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("not an XML-RPC call: " + e.getMessage(), e);
        }
    }

    private static Object value(Element value) {
        Element typed = firstElement(value);
        if (typed == null) {
            return text(value); // a bare string
        }
        String t = text(typed);
        return switch (typed.getTagName()) {
            case "int", "i4", "i8" -> Integer.valueOf(t.strip());
            case "boolean" -> "1".equals(t.strip());
            case "string" -> t;
            case "double" -> Double.valueOf(t.strip());
            case "nil" -> null;
            case "array" -> {
                List<Object> list = new ArrayList<>();
                Element data = child(typed, "data");
                if (data != null) {
                    for (Element v : children(data, "value")) {
                        list.add(value(v));
                    }
                }
                yield list;
            }
            case "struct" -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Element member : children(typed, "member")) {
                    map.put(text(child(member, "name")), value(child(member, "value")));
                }
                yield map;
            }
            default -> throw new IllegalArgumentException("unsupported XML-RPC type " + typed.getTagName());
        };
    }

    /**
     * A response as Odoo 19 writes it (addons/rpc/controllers/xmlrpc.py {@code dumps}): Python's marshaller output
     * between its own {@code <?xml version="1.0"?>} and {@code <methodResponse>} lines.
     */
    static String response(Object result) {
        StringBuilder out = new StringBuilder("<params>\n<param>\n");
        write(out, result);
        return envelope(out.append("</param>\n</params>\n"));
    }

    static String fault(int code, String message) {
        StringBuilder out = new StringBuilder("<fault>\n");
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("faultCode", code);
        fault.put("faultString", message);
        write(out, fault);
        return envelope(out.append("</fault>\n"));
    }

    private static String envelope(CharSequence body) {
        return "<?xml version=\"1.0\"?>\n<methodResponse>\n" + body + "\n</methodResponse>\n";
    }

    /**
     * A fault as Apache XML-RPC's server sends it with extensions enabled: besides code and string, a
     * {@code faultCause} holding a serialized Java object. A safe client never deserializes it.
     */
    static String faultWithSerializedCause(int code, String message, String base64Object) {
        return "<?xml version='1.0'?>\n<methodResponse xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\">\n"
                + "<fault><value><struct>"
                + "<member><name>faultCode</name><value><int>" + code + "</int></value></member>"
                + "<member><name>faultString</name><value><string>" + escape(message) + "</string></value></member>"
                + "<member><name>faultCause</name><value><ex:serializable>" + base64Object + "</ex:serializable></value></member>"
                + "</struct></value></fault>\n</methodResponse>\n";
    }

    /** Python's {@code xmlrpc.client.Marshaller}, line for line; strings lose control characters as in Odoo 19. */
    private static void write(StringBuilder out, Object v) {
        if (v == null || Boolean.FALSE.equals(v)) { // Odoo answers False, never None (allow_none=False)
            out.append("<value><boolean>0</boolean></value>\n");
        } else if (Boolean.TRUE.equals(v)) {
            out.append("<value><boolean>1</boolean></value>\n");
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            out.append("<value><int>").append(v).append("</int></value>\n");
        } else if (v instanceof Number n) {
            out.append("<value><double>").append(n.doubleValue()).append("</double></value>\n");
        } else if (v instanceof Map<?, ?> map) {
            out.append("<value><struct>\n");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append("<member>\n<name>").append(escape(String.valueOf(e.getKey()))).append("</name>\n");
                write(out, e.getValue());
                out.append("</member>\n");
            }
            out.append("</struct></value>\n");
        } else if (v instanceof Iterable<?> list) {
            out.append("<value><array><data>\n");
            for (Object item : list) {
                write(out, item);
            }
            out.append("</data></array></value>\n");
        } else {
            out.append("<value><string>").append(escape(withoutControlCharacters(String.valueOf(v))))
                    .append("</string></value>\n");
        }
    }

    private static String withoutControlCharacters(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.chars().filter(c -> c >= 32 || c == 9 || c == 10 || c == 13).forEach(c -> out.append((char) c));
        return out.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
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

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? "" : e.getTextContent();
    }
}
