package nl.accountlifecycle.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import nl.accountlifecycle.emailchange.NonBlockingUpdateEmail;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.requiredactions.UpdateEmail;

class StartupSelfCheckTest {

    @Nested
    @DisplayName("Given the provider Keycloak uses for UPDATE_EMAIL")
    class UpdateEmailProvider {

        @Test
        @DisplayName("when it is the bundle's then nothing is logged")
        void ours() {
            assertEquals(Optional.empty(), StartupSelfCheck.updateEmail(new NonBlockingUpdateEmail(), NonBlockingUpdateEmail.class));
        }

        @Test
        @DisplayName("when Keycloak's own UpdateEmail wins the provider order then one line says the non-blocking change is off")
        void keycloaksOwnWins() {
            Optional<String> line = StartupSelfCheck.updateEmail(new UpdateEmail(), NonBlockingUpdateEmail.class);
            assertTrue(line.isPresent());
            assertTrue(line.get().contains("is off") && line.get().contains(UpdateEmail.class.getName()), line.get());
            assertEquals(1, line.get().lines().count(), "one line");
        }

        @Test
        @DisplayName("when the update-email feature is off in Keycloak then there is nothing to replace and nothing is logged")
        void featureOff() {
            assertEquals(Optional.empty(), StartupSelfCheck.updateEmail(null, NonBlockingUpdateEmail.class));
        }
    }

    @Nested
    @DisplayName("Given the reminder scan's queries on Keycloak's tables")
    class ReminderQueries {

        @Test
        @DisplayName("when they answer then the reminders stay on")
        void answer() {
            assertEquals(Optional.empty(), StartupSelfCheck.reminderQueries(() -> { }));
        }

        @Test
        @DisplayName("when a column or attribute they read is gone then the reminders are off with one line naming the cause")
        void columnGone() {
            RuntimeException failure = new IllegalArgumentException("org.hibernate.query.SemanticException: ...",
                    new IllegalStateException("Could not resolve attribute 'createdDate' of 'CredentialEntity'\nmore detail"));
            Optional<String> line = StartupSelfCheck.reminderQueries(() -> {
                throw failure;
            });
            assertTrue(line.isPresent());
            assertTrue(line.get().contains("password reminders are off"), line.get());
            assertTrue(line.get().contains("Could not resolve attribute 'createdDate'"), line.get());
            assertEquals(1, line.get().lines().count(), "one line");
        }
    }
}
