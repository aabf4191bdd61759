package nl.accountlifecycle.support;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a failed mail leaves in logs and in a user's {@code lastError}: when, and the kinds of failure (the
 * exception classes down the cause chain, such as {@code ConnectException}). Never the exception messages:
 * SMTP servers and Jakarta Mail put the recipient's address in them.
 */
public final class MailFailure {

    private MailFailure() {
    }

    public static String describe(Throwable failure) {
        Set<String> kinds = new LinkedHashSet<>();
        for (Throwable t = failure; t != null && kinds.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
            kinds.add(t.getClass().getSimpleName());
        }
        return "mail not sent (" + String.join(" < ", kinds) + ")";
    }

    /** The value stored in a {@code lastError} attribute: the moment and {@link #describe}. */
    public static String lastError(Throwable failure) {
        return Clock.now() + " " + describe(failure);
    }
}
