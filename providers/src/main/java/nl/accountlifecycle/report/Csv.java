package nl.accountlifecycle.report;

import java.util.List;

/**
 * CSV as RFC 4180 writes it, made safe to open in a spreadsheet: a field that starts with {@code = + - @}, a tab or
 * a carriage return would run as a formula (CSV injection: a user can choose their own name or address), so such a
 * field gets a leading apostrophe, which spreadsheets show as text. Fields with a comma, quote or line break are
 * quoted, quotes doubled. Lines end with CRLF.
 */
public final class Csv {

    private Csv() {
    }

    public static String line(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        return out.append("\r\n").toString();
    }

    public static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = startsLikeFormula(value) ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0 || !safe.equals(value);
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    static boolean startsLikeFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
