package nl.accountlifecycle.emailchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class EmailMaskTest {

    @Test
    void keepsFirstLetterAndDomain() {
        assertEquals("n***@example.org", EmailMask.mask("nieuw.adres@example.org"));
    }

    @Test
    void lowerCasesAndTrims() {
        assertEquals("j***@voorbeeld.nl", EmailMask.mask("  Jan@Voorbeeld.NL "));
    }

    @Test
    void hidesTheWholeLocalPartEvenWhenShort() {
        String masked = EmailMask.mask("ab@example.org");
        assertEquals("a***@example.org", masked);
        assertFalse(masked.contains("ab@"));
    }

    @Test
    void copesWithOddInput() {
        assertEquals("***", EmailMask.mask(null));
        assertEquals("***", EmailMask.mask(" "));
        assertEquals("x***", EmailMask.mask("x-without-at"));
    }
}
