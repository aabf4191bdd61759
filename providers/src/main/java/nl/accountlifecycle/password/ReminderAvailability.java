package nl.accountlifecycle.password;

import java.util.Optional;

/** Whether the reminder scan may run on this server, decided by the startup self-check of the factory that offers it. */
public interface ReminderAvailability {

    /** Why the reminders are off on this server, or empty when they are on. */
    Optional<String> remindersOff();
}
