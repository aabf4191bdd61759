package nl.accountlifecycle.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeycloakLineTest {

    @Test
    @DisplayName("Given Keycloak 26.4 without the admin-read-only option then one line tells the operator which option to set")
    void warnsOn264WithoutOption() {
        List<String> notes = new KeycloakLine("26.4.7").startupNotes("26.4.7", null);
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains(KeycloakLine.ADMIN_READ_ONLY_OPTION + "=accountLifecycle.*"), notes.get(0));
    }

    @Test
    @DisplayName("Given Keycloak 26.4 with the option covering the lifecycle attributes then nothing is logged")
    void quietOn264WithOption() {
        assertEquals(List.of(), new KeycloakLine("26.4.7").startupNotes("26.4.7", new String[] {"foo", " accountLifecycle.*"}));
        assertEquals(List.of(), new KeycloakLine("26.4.7").startupNotes("26.4.7", new String[] {"*"}));
        assertEquals(1, new KeycloakLine("26.4.7").startupNotes("26.4.7", new String[] {"accountLifecycle.activation.status"}).size(),
                "one attribute only leaves the others writable");
    }

    @Test
    @DisplayName("Given Keycloak 26.5 or newer then the user-profile policy protects the attributes and nothing is logged")
    void quietFrom265() {
        for (String v : new String[] {"26.5.6", "26.7.3", "27.0.0", "999.0.0-SNAPSHOT", "unknown"}) {
            assertFalse(new KeycloakLine(v).adminsCanWriteUnmanagedAttributes(), v);
            assertEquals(List.of(), new KeycloakLine(v).startupNotes(v, null), v);
        }
        assertTrue(new KeycloakLine("25.0.6").adminsCanWriteUnmanagedAttributes());
    }
}
