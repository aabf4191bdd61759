package nl.accountlifecycle.odoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;

/** The worker's server options as {@code kc.sh} hands them over: defaults, a set value, and a value that stops the server. */
class OdooSyncOptionsTest {

    private static final String PREFIX = "odoo-sync-options-test.";

    @AfterEach
    void clear() {
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith(PREFIX)).forEach(System::clearProperty);
    }

    private static Map<String, String> info() {
        Map<String, String> info = new HashMap<>();
        OdooSync.of(new Config.SystemPropertiesScope(PREFIX), "--spi-x--").info(info);
        return info;
    }

    @Test
    void twoLanesAndBatchesOf200WhenNothingIsSet() {
        Map<String, String> info = info();
        assertEquals("2", info.get(OdooSync.LANES));
        assertEquals("200", info.get(OdooSync.BATCH));
    }

    @Test
    void lanesAreRead() {
        System.setProperty(PREFIX + OdooSync.LANES, "4");
        assertEquals("4", info().get(OdooSync.LANES));
    }

    @Test
    void zeroLanesStopTheServerNamingTheOption() {
        System.setProperty(PREFIX + OdooSync.LANES, "0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, OdooSyncOptionsTest::info);
        assertTrue(e.getMessage().contains("--spi-x--odoo-delivery-lanes"), e.getMessage());
    }
}
