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

    static String response(Object result) {
        StringBuilder out = new StringBuilder("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n");
        write(out, result);
        return out.append("</param>\n</params>\n</methodResponse>\n").toString();
    }

    static String fault(int code, String message) {
        StringBuilder out = new StringBuilder("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n");
        write(out, Map.of("faultCode", code, "faultString", message));
        return out.append("</fault>\n</methodResponse>\n").toString();
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

    private static void write(StringBuilder out, Object v) {
        out.append("<value>");
        if (v == null || Boolean.FALSE.equals(v)) {
            out.append("<boolean>0</boolean>");
        } else if (Boolean.TRUE.equals(v)) {
            out.append("<boolean>1</boolean>");
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            out.append("<int>").append(v).append("</int>");
        } else if (v instanceof Number n) {
            out.append("<double>").append(n.doubleValue()).append("</double>");
        } else if (v instanceof Map<?, ?> map) {
            out.append("<struct>");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append("<member><name>").append(escape(String.valueOf(e.getKey()))).append("</name>");
                write(out, e.getValue());
                out.append("</member>");
            }
            out.append("</struct>");
        } else if (v instanceof Iterable<?> list) {
            out.append("<array><data>");
            for (Object item : list) {
                write(out, item);
            }
            out.append("</data></array>");
        } else {
            out.append("<string>").append(escape(String.valueOf(v))).append("</string>");
        }
        out.append("</value>\n");
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
