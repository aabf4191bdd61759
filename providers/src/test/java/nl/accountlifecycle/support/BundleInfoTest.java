package nl.accountlifecycle.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BundleInfoTest {

    @Test
    @DisplayName("Given the built jar then the bundle reports its Maven version and the Keycloak version it targets")
    void reportsFilteredVersions() {
        BundleInfo info = BundleInfo.get();

        assertEquals("account-lifecycle", info.name());
        assertFalse(info.version().contains("${"), "version must be filtered at build time");
        assertEquals(System.getProperty("expected.bundle.version"), info.version());
        assertEquals(System.getProperty("expected.keycloak.version"), info.builtForKeycloak());
        assertEquals(info.version(), info.operationalInfo().get("version"));
    }
}
