package nl.accountlifecycle.targetsim;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/** Small helpers over {@link HttpExchange}: answers, query strings and form bodies. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_TYPE = "application/json; charset=utf-8";

    private Http() {
    }

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, JSON_TYPE, JSON.writeValueAsString(body));
    }

    static void noContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
    }

    /** The query parameters, names matched case-insensitively; a repeated name keeps its first value. */
    static Map<String, String> query(HttpExchange exchange) {
        return decodePairs(exchange.getRequestURI().getRawQuery());
    }

    /** An {@code application/x-www-form-urlencoded} body; null when a parameter is repeated (RFC 6749 §3.2). */
    static Map<String, String> form(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        Map<String, String> pairs = decodePairs(text);
        long count = text.isEmpty() ? 0 : text.split("&").length;
        return pairs.size() == count ? pairs : null;
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";")[0].strip();
        return type.equalsIgnoreCase("application/scim+json") || type.equalsIgnoreCase("application/json");
    }

    static String escapeHtml(Object value) {
        String s = value == null ? "" : String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static Map<String, String> decodePairs(String raw) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            out.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }
}
