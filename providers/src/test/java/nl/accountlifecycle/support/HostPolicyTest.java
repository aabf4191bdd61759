package nl.accountlifecycle.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** The operator's list of Odoo hosts: what a realm admin may point the sync at. */
class HostPolicyTest {

    private static String check(String list, String url) {
        return HostPolicy.parse(list).check(URI.create(url));
    }

    @Test
    void nothingIsAllowedUntilTheOperatorListsIt() {
        assertTrue(check("", "https://erp.example.org").contains("odoo-allowed-hosts"));
        assertNotNull(check(null, "http://127.0.0.1:8069"));
    }

    @Test
    void listedNamesAndWildcardsAreAllowedOthersNot() {
        assertNull(check("erp.example.org", "https://ERP.example.org/odoo"));
        assertNull(check("*.odoo.com", "https://acme.odoo.com"));
        assertNotNull(check("*.odoo.com", "https://odoo.com.evil.example"));
        assertNotNull(check("erp.example.org", "https://erp.example.org.evil.example"));
        assertNotNull(check("erp.example.org", "https://intranet.example.org"));
    }

    @Test
    void loopbackNeedsTheKeywordOrTheAddressItself() {
        assertNotNull(check("*", "http://127.0.0.1:8069"), "a wildcard does not open loopback");
        assertNotNull(check("*", "http://localhost:8069"));
        assertNotNull(check("*", "http://[::1]:8069"));
        assertNull(check("loopback", "http://127.0.0.1:8069"));
        assertNull(check("loopback", "http://localhost:8069"));
        assertNull(check("loopback", "http://[::1]:8069"));
        assertNull(check("127.0.0.1", "http://127.0.0.1:8069"));
        assertNotNull(check("loopback", "https://erp.example.org"), "loopback alone allows no other host");
    }

    @Test
    void linkLocalAndMetadataAddressesNeedTheirKeyword() {
        assertNotNull(check("*", "http://169.254.169.254/latest/meta-data"));
        assertNotNull(check("*,loopback", "http://169.254.169.254/"));
        assertNotNull(check("*", "http://[fd00:ec2::254]/"));
        assertNotNull(check("*", "http://100.100.100.200/"));
        assertNotNull(check("*", "http://metadata.google.internal/"));
        assertNotNull(check("*", "http://[fe80::1]/"));
        assertNull(check("link-local", "http://169.254.169.254/"));
    }

    @Test
    void aBadEntryStopsTheServerWithItsReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPolicy.parse("erp.example.org, http://x/"));
        assertTrue(e.getMessage().contains("http://x/"), e.getMessage());
    }
}
