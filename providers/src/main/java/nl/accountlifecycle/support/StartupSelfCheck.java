package nl.accountlifecycle.support;

import java.util.Optional;

/**
 * The two places where the bundle leans on Keycloak internals, checked once at startup. When an assumption no
 * longer holds, the dependent feature stays off and the reason is one logged line; Keycloak itself starts as usual.
 * <ul>
 *   <li>The self-service email change replaces Keycloak's {@code UPDATE_EMAIL} required action by provider order;
 *       if another provider serves that id, Keycloak's own behaviour applies.</li>
 *   <li>The reminder scan reads Keycloak's credential and user tables with its own queries; if they no longer
 *       answer, the reminders are off.</li>
 * </ul>
 */
public final class StartupSelfCheck {

    private StartupSelfCheck() {
    }

    /**
     * The line to log when the provider Keycloak uses for {@code UPDATE_EMAIL} is not the bundle's (null: the
     * update-email feature is off in this Keycloak, so there is nothing to replace).
     */
    public static Optional<String> updateEmail(Object serving, Class<?> expected) {
        if (serving == null || expected.isInstance(serving)) {
            return Optional.empty();
        }
        return Optional.of("account-lifecycle: the non-blocking self-service email change is off: Keycloak's UPDATE_EMAIL "
                + "required action is served by " + serving.getClass().getName() + ", not " + expected.getName()
                + " (another provider with a higher order, or Keycloak changed it); a pending new address then "
                + "blocks the login as in Keycloak itself");
    }

    /** The line to log, and the reason the reminders are off, when {@code probe} (the scan's queries) fails. */
    public static Optional<String> reminderQueries(Runnable probe) {
        try {
            probe.run();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("account-lifecycle: password reminders are off: the scan's query on Keycloak's "
                    + "credential and user tables fails on this Keycloak (" + rootMessage(e) + ")");
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
