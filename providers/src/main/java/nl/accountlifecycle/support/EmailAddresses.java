package nl.accountlifecycle.support;

import java.net.IDN;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Email addresses as the bundle checks them before the realm's user profile does. A domain may be written in
 * Unicode ({@code bücher.example}) or in its ASCII form ({@code xn--bcher-kva.example}); both name one mailbox,
 * so uniqueness is checked under every spelling and addresses are compared in one canonical form.
 */
public final class EmailAddresses {

    /** The longest address SMTP carries (RFC 5321 path limit minus the angle brackets); the column holds 255. */
    public static final int MAX_LENGTH = 254;

    private EmailAddresses() {
    }

    /** A first check only: one {@code @}, a dot in the domain, no spaces, at most {@value #MAX_LENGTH} characters. */
    public static boolean looksLikeEmail(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || value.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        int at = value.indexOf('@');
        return at > 0 && at == value.lastIndexOf('@') && value.indexOf('.', at) > at + 1 && !value.endsWith(".");
    }

    /** The local part, lower case; the whole value when it has no {@code @}. */
    public static String localPart(String address) {
        String value = address.strip();
        int at = value.lastIndexOf('@');
        return (at < 0 ? value : value.substring(0, at)).toLowerCase(Locale.ROOT);
    }

    /**
     * One canonical form: the local part as given (lower case), the domain in its ASCII form, lower case. Falls back
     * to the lower-cased address when the domain is not a valid IDN.
     */
    public static String canonical(String address) {
        String value = address.strip().toLowerCase(Locale.ROOT);
        int at = value.lastIndexOf('@');
        if (at < 0) {
            return value;
        }
        try {
            return value.substring(0, at + 1) + IDN.toASCII(value.substring(at + 1), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    /** Every spelling under which the same mailbox may be stored: as given, and with the domain in ASCII and in Unicode. */
    public static Set<String> spellings(String address) {
        String value = address.strip().toLowerCase(Locale.ROOT);
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        int at = value.lastIndexOf('@');
        if (at < 0) {
            return forms;
        }
        String local = value.substring(0, at + 1);
        String domain = value.substring(at + 1);
        try {
            forms.add(local + IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
            forms.add(local + IDN.toUnicode(IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // not a valid IDN: only the form as given
        }
        return forms;
    }

    /** Whether two addresses name the same mailbox, comparing domains in their ASCII form. */
    public static boolean same(String a, String b) {
        return a != null && b != null && canonical(a).equals(canonical(b));
    }
}
