package nl.accountlifecycle.odoosim;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Odoo domains in Polish notation: terms {@code [field, operator, value]} joined by the prefix operators
 * {@code '&'} (the default between terms), {@code '|'} and {@code '!'}. Operators: {@code =}, {@code !=},
 * {@code in}, {@code not in}, {@code ilike}, {@code =ilike}, {@code like}.
 */
final class Domain {

    private Domain() {
    }

    static boolean matches(List<?> domain, Function<String, Object> record) {
        if (domain == null || domain.isEmpty()) {
            return true;
        }
        // evaluate right to left with a stack, as Odoo's expression parser normalises it
        Deque<Boolean> stack = new ArrayDeque<>();
        for (int i = domain.size() - 1; i >= 0; i--) {
            Object item = domain.get(i);
            if ("&".equals(item) || "|".equals(item)) {
                if (stack.size() < 2) {
                    throw new OdooError(OdooError.Kind.APPLICATION, "Invalid domain: " + domain);
                }
                boolean a = stack.pop();
                boolean b = stack.pop();
                stack.push("&".equals(item) ? a && b : a || b);
            } else if ("!".equals(item)) {
                if (stack.isEmpty()) {
                    throw new OdooError(OdooError.Kind.APPLICATION, "Invalid domain: " + domain);
                }
                stack.push(!stack.pop());
            } else if (item instanceof List<?> term && term.size() == 3) {
                stack.push(term(term, record));
            } else {
                throw new OdooError(OdooError.Kind.APPLICATION, "Invalid leaf " + item);
            }
        }
        boolean result = true;
        while (!stack.isEmpty()) {
            result &= stack.pop(); // implicit '&' between top-level terms
        }
        return result;
    }

    private static boolean term(List<?> term, Function<String, Object> record) {
        String field = String.valueOf(term.get(0));
        String op = String.valueOf(term.get(1));
        Object expected = term.get(2);
        Object actual = record.apply(field);
        return switch (op) {
            case "=" -> same(actual, expected);
            case "!=" -> !same(actual, expected);
            case "in" -> expected instanceof Collection<?> c && c.stream().anyMatch(e -> same(actual, e));
            case "not in" -> !(expected instanceof Collection<?> c && c.stream().anyMatch(e -> same(actual, e)));
            case "ilike" -> actual instanceof String s && OdooStore.lower(s).contains(OdooStore.lower(expected));
            case "like" -> actual instanceof String s && s.contains(String.valueOf(expected));
            case "=ilike" -> actual instanceof String s && OdooStore.lower(s).equals(OdooStore.lower(expected));
            default -> throw new OdooError(OdooError.Kind.APPLICATION, "Invalid operator " + op);
        };
    }

    private static boolean same(Object actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number e) {
            return a.longValue() == e.longValue();
        }
        if (actual instanceof Collection<?> c) { // many2many '=' id means "contains"
            return c.stream().anyMatch(x -> same(x, expected));
        }
        return Objects.equals(actual, expected);
    }
}
