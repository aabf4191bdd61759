// Strict JSON syntax check used by run.sh when python3 is not installed.
// Usage: java scripts/JsonCheck.java FILE...   (Java 11+ single-file program)
// Prints one line per bad file: "error: realm file F is not valid JSON: line L, column C: why"
// and exits 1 if any file is bad.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

public class JsonCheck {
    private final String s;
    private int i;
    private boolean hasRealmName;

    private JsonCheck(String s) { this.s = s; }

    public static void main(String[] args) throws Exception {
        boolean bad = false;
        for (String file : args) {
            String text;
            try {
                text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (Exception e) {
                System.err.println("error: realm file " + file + " cannot be read: " + e);
                bad = true;
                continue;
            }
            JsonCheck c = new JsonCheck(text);
            try {
                c.document();
                if (!c.hasRealmName) {
                    System.err.println("error: realm file " + file
                        + " is JSON but not a realm export (no top-level \"realm\" name)");
                    bad = true;
                }
            } catch (IllegalStateException e) {
                int line = 1, col = 1;
                for (int k = 0; k < Math.min(c.i, text.length()); k++) {
                    if (text.charAt(k) == '\n') { line++; col = 1; } else { col++; }
                }
                System.err.println("error: realm file " + file + " is not valid JSON: line " + line
                    + ", column " + col + ": " + e.getMessage());
                bad = true;
            }
        }
        System.exit(bad ? 1 : 0);
    }

    private IllegalStateException fail(String why) { return new IllegalStateException(why); }

    private void ws() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
    }

    private char peek() {
        if (i >= s.length()) throw fail("unexpected end of file");
        return s.charAt(i);
    }

    private void expect(char c) {
        if (peek() != c) throw fail("expected '" + c + "' but found '" + peek() + "'");
        i++;
    }

    private void document() {
        if (s.startsWith("\uFEFF")) i++;
        ws();
        if (peek() != '{') throw fail("a realm export starts with '{'");
        object(true);
        ws();
        if (i < s.length()) throw fail("extra data after the end of the document");
    }

    private void value() {
        ws();
        char c = peek();
        switch (c) {
            case '{': object(false); break;
            case '[': array(); break;
            case '"': string(); break;
            case 't': word("true"); break;
            case 'f': word("false"); break;
            case 'n': word("null"); break;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) number();
                else throw fail("unexpected character '" + c + "'");
        }
    }

    private void object(boolean top) {
        expect('{');
        ws();
        if (peek() == '}') { i++; return; }
        while (true) {
            ws();
            if (peek() != '"') throw fail("expected a property name in double quotes");
            String key = string();
            ws();
            expect(':');
            ws();
            if (top && key.equals("realm") && peek() == '"') hasRealmName = true;
            value();
            ws();
            if (peek() == ',') { i++; continue; }
            if (peek() == '}') { i++; return; }
            throw fail("expected ',' or '}' after a property value");
        }
    }

    private void array() {
        expect('[');
        ws();
        if (peek() == ']') { i++; return; }
        while (true) {
            value();
            ws();
            if (peek() == ',') { i++; continue; }
            if (peek() == ']') { i++; return; }
            throw fail("expected ',' or ']' after an array element");
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = peek();
            if (c == '"') { i++; return b.toString(); }
            if (c < 0x20) throw fail("control character in a string (unterminated string?)");
            if (c == '\\') {
                i++;
                char e = peek();
                if ("\"\\/bfnrt".indexOf(e) >= 0) { i++; b.append(e); continue; }
                if (e == 'u') {
                    i++;
                    for (int k = 0; k < 4; k++) {
                        if (Character.digit(peek(), 16) < 0) throw fail("bad \\u escape");
                        i++;
                    }
                    continue;
                }
                throw fail("bad escape '\\" + e + "'");
            }
            b.append(c);
            i++;
        }
    }

    private void word(String w) {
        if (!s.startsWith(w, i)) throw fail("unexpected character '" + peek() + "'");
        i += w.length();
    }

    private void number() {
        int start = i;
        if (peek() == '-') i++;
        if (peek() == '0') i++;
        else digits();
        if (i < s.length() && s.charAt(i) == '.') { i++; digits(); }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (peek() == '+' || peek() == '-') i++;
            digits();
        }
        if (i == start) throw fail("bad number");
    }

    private void digits() {
        if (!Character.isDigit(peek())) throw fail("expected a digit");
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
    }
}
