package nl.accountlifecycle.emailchange;

import java.util.Locale;

/**
 * Masks an address for the notice sent to the old address: the first character of the local part, three
 * stars, and the domain ({@code n***@example.org}). The domain stays readable so the owner can recognise
 * a change they made themselves; the rest is hidden from whoever reads the old mailbox.
 */
public final class EmailMask {

    private EmailMask() {
    }

    public static String mask(String email) {
        if (email == null || email.isBlank()) {
            return "***";
        }
        String value = email.strip().toLowerCase(Locale.ROOT);
        int at = value.lastIndexOf('@');
        if (at <= 0) {
            return value.charAt(0) + "***";
        }
        return value.charAt(0) + "***" + value.substring(at);
    }
}
