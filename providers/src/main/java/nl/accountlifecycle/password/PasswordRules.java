package nl.accountlifecycle.password;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a realm's password policy into the checklist the password pages show. The server-side policy stays
 * the authority; the checklist only helps the user. Rules the page cannot check itself are still listed,
 * by name, and marked as checked by the server.
 */
public final class PasswordRules {

    /** One line of the checklist. {@code check} tells the page's script how to test it, or {@code server}. */
    public record Rule(String id, String messageKey, String parameter, String check) {

        public boolean checkedInBrowser() {
            return !"server".equals(check);
        }
    }

    /** Policy ids the page can check live, with their message key and how the script checks them. */
    private static final Map<String, String[]> KNOWN = Map.of(
            "length", new String[] {"accountLifecycle.password.rule.length", "minLength"},
            "maxLength", new String[] {"accountLifecycle.password.rule.maxLength", "maxLength"},
            "digits", new String[] {"accountLifecycle.password.rule.digits", "digits"},
            "lowerCase", new String[] {"accountLifecycle.password.rule.lowerCase", "lowerCase"},
            "upperCase", new String[] {"accountLifecycle.password.rule.upperCase", "upperCase"},
            "specialChars", new String[] {"accountLifecycle.password.rule.specialChars", "specialChars"},
            "notUsername", new String[] {"accountLifecycle.password.rule.notUsername", "notUsername"},
            "notEmail", new String[] {"accountLifecycle.password.rule.notEmail", "notEmail"});

    /** Policies that are not about the characters of a new password, so they are not rules to show. */
    private static final List<String> NOT_SHOWN = List.of(
            "hashAlgorithm", "hashIterations", "forceExpiredPasswordChange", "maxAuthAge");

    private PasswordRules() {
    }

    /**
     * Parses Keycloak's policy string, for example {@code length(8) and digits(1) and notUsername}.
     * Unknown policies, such as {@code regexPattern} or {@code passwordBlacklist}, come back as server-checked rules.
     */
    public static List<Rule> fromPolicy(String policy) {
        List<Rule> rules = new ArrayList<>();
        if (policy == null || policy.isBlank()) {
            return rules;
        }
        for (String part : policy.split("\\s+and\\s+")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            String id = item;
            String parameter = null;
            int open = item.indexOf('(');
            if (open > 0 && item.endsWith(")")) {
                id = item.substring(0, open).trim();
                parameter = item.substring(open + 1, item.length() - 1).trim();
            }
            if (NOT_SHOWN.contains(id)) {
                continue;
            }
            String[] known = KNOWN.get(id);
            if (known != null) {
                rules.add(new Rule(id, known[0], parameter == null ? defaultParameter(id) : parameter, known[1]));
            } else if ("passwordHistory".equals(id)) {
                rules.add(new Rule(id, "accountLifecycle.password.rule.passwordHistory", parameter, "server"));
            } else {
                rules.add(new Rule(id, "accountLifecycle.password.rule.other", id, "server"));
            }
        }
        return rules;
    }

    private static String defaultParameter(String id) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case "length" -> "8";
            case "maxlength" -> "64";
            case "notusername", "notemail" -> null;
            default -> "1";
        };
    }
}
