package nl.accountlifecycle.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Given email addresses")
class EmailAddressesTest {

    @Test
    @DisplayName("then a Unicode domain and its ASCII form are one mailbox, in any case")
    void idnDomainsAreOneMailbox() {
        assertEquals("x@xn--bcher-kva.example", EmailAddresses.canonical("x@bücher.example"));
        assertEquals("x@xn--bcher-kva.example", EmailAddresses.canonical(" X@XN--BCHER-KVA.example "));
        assertTrue(EmailAddresses.same("x@Bücher.example", "x@xn--bcher-kva.example"));
        assertFalse(EmailAddresses.same("x@bücher.example", "y@bücher.example"));
        assertEquals(Set.of("x@bücher.example", "x@xn--bcher-kva.example"), EmailAddresses.spellings("x@xn--bcher-kva.example"));
        assertEquals(Set.of("x@bücher.example", "x@xn--bcher-kva.example"), EmailAddresses.spellings("x@bücher.example"));
        assertEquals(Set.of("plain@example.org"), EmailAddresses.spellings("Plain@Example.org"));
    }

    @Test
    @DisplayName("then an address over 254 characters or with spaces does not look like an address")
    void firstCheck() {
        assertTrue(EmailAddresses.looksLikeEmail("a@example.org"));
        assertFalse(EmailAddresses.looksLikeEmail("a".repeat(64) + "@" + "b".repeat(190) + ".org"));
        assertFalse(EmailAddresses.looksLikeEmail("a b@example.org"));
        assertFalse(EmailAddresses.looksLikeEmail("a@b@example.org"));
        assertEquals("info", EmailAddresses.localPart(" Info@Example.org"));
    }
}
