package nl.accountlifecycle.targetsim;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One attribute comparison of RFC 7644 §3.4.2.2: {@code attrPath op value} with {@code eq}, {@code ne}, {@code co},
 * {@code sw}, {@code ew}, or {@code attrPath pr}. Strings compare case-insensitively unless the attribute is
 * caseExact ({@code userName} is not, {@code externalId} and {@code id} are).
 * <p>
 * Choice the RFC leaves open: logical operators ({@code and}, {@code or}, {@code not}, grouping) and the ordering
 * operators are not supported and answer 400 {@code invalidFilter}; the ServiceProviderConfig only promises filters.
 */
final class ScimFilter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> OPERATORS = Set.of("eq", "ne", "co", "sw", "ew", "pr");

    private final Function<JsonNode, List<JsonNode>> values;
    /** For a value filter: the sub-attribute it compares; null for a resource filter. */
    private String subName;
    private final boolean caseExact;
    private final String op;
    private final JsonNode operand;

    private ScimFilter(Function<JsonNode, List<JsonNode>> values, boolean caseExact, String op, JsonNode operand) {
        this.values = values;
        this.caseExact = caseExact;
        this.op = op;
        this.operand = operand;
    }

    /** A {@code filter} query parameter on a resource type. */
    static ScimFilter parse(String text, Kind kind) {
        String[] parts = split(text);
        ScimPath path;
        try {
            path = ScimPath.parse(parts[0], kind, false);
        } catch (ScimError e) {
            throw ScimError.invalidFilter(e.getMessage());
        }
        if (path.attr() == null) {
            throw ScimError.invalidFilter("'" + parts[0] + "' names a schema, not an attribute");
        }
        return build(path::values, path.leaf().caseExact(), parts);
    }

    /** A value filter inside a path, such as {@code members[value eq "id"]}: it names sub-attributes of {@code multi}. */
    static ScimFilter within(String text, Attr multi) {
        String[] parts = split(text);
        Attr sub = multi.sub(parts[0]);
        if (sub == null) {
            throw ScimError.invalidFilter("'" + parts[0] + "' is not a sub-attribute of '" + multi.name() + "'");
        }
        ScimFilter filter = build(node -> {
            JsonNode v = node.get(sub.name());
            return v == null || v.isNull() ? List.of() : List.of(v);
        }, sub.caseExact(), parts);
        filter.subName = sub.name();
        return filter;
    }

    /** For a value filter {@code sub eq "x"}: a new value {@code {"sub": "x"}} it would match; null otherwise. */
    ObjectNode seed() {
        if (subName == null || !op.equals("eq") || operand.isNull()) {
            return null;
        }
        ObjectNode seed = JSON.createObjectNode();
        seed.set(subName, operand.deepCopy());
        return seed;
    }

    boolean matches(JsonNode node) {
        List<JsonNode> found = values.apply(node);
        return switch (op) {
            case "pr" -> found.stream().anyMatch(v -> !(v.isTextual() && v.asText().isEmpty()) && !(v.isArray() && v.isEmpty()));
            case "ne" -> found.stream().noneMatch(this::equal);
            case "eq" -> operand.isNull() ? found.isEmpty() : found.stream().anyMatch(this::equal);
            default -> found.stream().anyMatch(this::textMatch);
        };
    }

    private boolean equal(JsonNode v) {
        if (v.isTextual() && operand.isTextual()) {
            return caseExact ? v.asText().equals(operand.asText()) : fold(v.asText()).equals(fold(operand.asText()));
        }
        return v.equals(operand);
    }

    private boolean textMatch(JsonNode v) {
        if (!v.isTextual()) {
            return false;
        }
        String a = caseExact ? v.asText() : fold(v.asText());
        String b = caseExact ? operand.asText() : fold(operand.asText());
        return switch (op) {
            case "co" -> a.contains(b);
            case "sw" -> a.startsWith(b);
            default -> a.endsWith(b);
        };
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** attrPath, operator and the operand's text (empty for {@code pr}). */
    private static String[] split(String text) {
        String t = text == null ? "" : text.strip();
        int first = t.indexOf(' ');
        if (t.isEmpty() || first < 0) {
            throw ScimError.invalidFilter("expected 'attribute operator value', got '" + t + "'");
        }
        String rest = t.substring(first + 1).strip();
        int second = rest.indexOf(' ');
        String op = (second < 0 ? rest : rest.substring(0, second)).toLowerCase(Locale.ROOT);
        return new String[] {t.substring(0, first), op, second < 0 ? "" : rest.substring(second + 1).strip()};
    }

    private static ScimFilter build(Function<JsonNode, List<JsonNode>> values, boolean caseExact, String[] parts) {
        String op = parts[1];
        if (!OPERATORS.contains(op)) {
            throw ScimError.invalidFilter("operator '" + op + "' is not supported (eq, ne, co, sw, ew, pr are)");
        }
        if (op.equals("pr")) {
            if (!parts[2].isEmpty()) {
                throw ScimError.invalidFilter("only one attribute comparison is supported, no and/or/not");
            }
            return new ScimFilter(values, caseExact, op, null);
        }
        JsonNode operand;
        try {
            operand = JSON.readTree(parts[2]);
        } catch (JsonProcessingException e) {
            operand = null;
        }
        if (operand == null || operand.isMissingNode() || operand.isContainerNode()) {
            throw ScimError.invalidFilter("'" + parts[2] + "' is not one comparison value; a string must be quoted, and"
                    + " only one attribute comparison is supported, no and/or/not");
        }
        if (!op.equals("eq") && !op.equals("ne") && !operand.isTextual()) {
            throw ScimError.invalidFilter("'" + op + "' compares strings");
        }
        return new ScimFilter(values, caseExact, op, operand);
    }
}
