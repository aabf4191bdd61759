package nl.accountlifecycle.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordRulesTest {

    @Test
    @DisplayName("Given the organisation's policy then the checklist lists each rule with its parameter, in order")
    void organisationPolicy() {
        List<PasswordRules.Rule> rules = PasswordRules.fromPolicy("length(8) and digits(1) and lowerCase(1) and upperCase(1)"
                + " and notUsername and notEmail and passwordHistory(5) and forceExpiredPasswordChange(90)");

        assertEquals(List.of("length", "digits", "lowerCase", "upperCase", "notUsername", "notEmail", "passwordHistory"),
                rules.stream().map(PasswordRules.Rule::id).toList());
        assertEquals("8", rules.get(0).parameter());
        assertEquals("minLength", rules.get(0).check());
        assertEquals("5", rules.get(6).parameter());
        assertFalse(rules.get(6).checkedInBrowser(), "history is only known to the server");
    }

    @Test
    @DisplayName("Given a policy the page cannot check then it is still listed by name and checked by the server")
    void unknownPoliciesListedByName() {
        List<PasswordRules.Rule> rules = PasswordRules.fromPolicy("regexPattern(^[a-z].*) and passwordBlacklist(list.txt)");

        assertEquals(2, rules.size());
        assertEquals("regexPattern", rules.get(0).parameter());
        assertEquals("accountLifecycle.password.rule.other", rules.get(0).messageKey());
        assertTrue(rules.stream().noneMatch(PasswordRules.Rule::checkedInBrowser));
    }

    @Test
    @DisplayName("Given no policy then there is no checklist")
    void emptyPolicy() {
        assertTrue(PasswordRules.fromPolicy(null).isEmpty());
        assertTrue(PasswordRules.fromPolicy("  ").isEmpty());
        assertTrue(PasswordRules.fromPolicy("hashIterations(27500)").isEmpty());
    }
}
