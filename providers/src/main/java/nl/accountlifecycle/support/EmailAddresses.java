package nl.accountlifecycle.support;

import java.util.Locale;

/** Email addresses as the bundle checks them before the realm's user profile does. */
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
}
