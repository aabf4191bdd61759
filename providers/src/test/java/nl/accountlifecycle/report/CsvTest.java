package nl.accountlifecycle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Given values for a CSV report")
class CsvTest {

    @Test
    @DisplayName("then plain values stay as they are and a line ends with CRLF")
    void plain() {
        assertEquals("a,b c,x@example.org\r\n", Csv.line(List.of("a", "b c", "x@example.org")));
    }

    @Test
    @DisplayName("then commas, quotes and line breaks are quoted, quotes doubled, and null is empty")
    void quoting() {
        assertEquals("\"de Vries, Jan\"", Csv.field("de Vries, Jan"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        assertEquals(",x,\r\n", Csv.line(Arrays.asList(null, "x", "")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil\")", "+31 6 1234", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"})
    @DisplayName("then a value a spreadsheet would run as a formula gets a leading apostrophe and quotes")
    void formulaInjection(String value) {
        String field = Csv.field(value);
        assertEquals("\"'" + value.replace("\"", "\"\"") + "\"", field);
    }

    @Test
    @DisplayName("then formula characters later in a value change nothing")
    void formulaCharactersInside() {
        assertEquals("jan+test@example.org", Csv.field("jan+test@example.org"));
        assertEquals("a=b", Csv.field("a=b"));
    }
}
