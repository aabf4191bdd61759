package nl.accountlifecycle.odoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import nl.accountlifecycle.odoo.client.OdooEndpoint;
import nl.accountlifecycle.support.HostPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OdooSettingsTest {

    static final HostPolicy ANY = HostPolicy.parse("*");

    @Test
    @DisplayName("Given stored values that do not parse, then each gives its default instead of failing the read")
    void badStoredValuesGiveDefaults() {
        OdooSettings settings = OdooSettings.fromStrings(Map.of("enabled", "true", "maxAttempts", "many",
                "timeoutSeconds", "0", "oauthProviderId", "x", "groupMap", "users=1,a", "transport", "soap",
                "syncPhone", "yes", "login", "admin"));
        assertTrue(settings.enabled(), "a good value next to bad ones is kept");
        assertEquals("admin", settings.login());
        assertEquals(OdooSettings.DEFAULT_MAX_ATTEMPTS, settings.maxAttempts());
        assertEquals(OdooSettings.DEFAULT_TIMEOUT_SECONDS, settings.timeoutSeconds());
        assertNull(settings.oauthProviderId());
        assertEquals(Map.of(), settings.groupMap());
        assertEquals(OdooEndpoint.Transport.XMLRPC, settings.transport());
        assertTrue(settings.syncPhone());
    }

    @Test
    @DisplayName("Given the body GET config returned, then PUT config accepts it back and keeps the key")
    void getBodyGoesBackIntoPut() {
        OdooSettings stored = OdooSettings.fromStrings(Map.of("enabled", "true", "url", "https://erp.example.org",
                "database", "prod", "login", "admin", "apiKey", "k1", "groupMap", "users=1,7"));
        Map<String, Object> body = new HashMap<>(OdooConfigView.of(stored));
        assertEquals(true, body.get("apiKeySet"));
        Map<String, String> saved = OdooConfigUpdate.validate(body, stored, ANY);
        assertEquals("k1", saved.get("apiKey"), "apiKeySet is read-only: the stored key stays");
        assertEquals("users=1,7", saved.get("groupMap"));
        assertEquals(stored, OdooSettings.fromStrings(saved), "what GET showed is what is stored again");
    }

    @Test
    @DisplayName("Given a read-only field with another value, then it is ignored; an unknown field is still refused")
    void readOnlyFieldsAreIgnoredUnknownOnesRefused() {
        OdooSettings stored = OdooSettings.fromStrings(Map.of("url", "https://erp.example.org", "apiKey", "k1"));
        Map<String, String> saved = OdooConfigUpdate.validate(Map.of("apiKeySet", false, "apiKeyVault", "${vault.x}"), stored, ANY);
        assertEquals("k1", saved.get("apiKey"));
        WebApplicationException e = assertThrows(WebApplicationException.class,
                () -> OdooConfigUpdate.validate(Map.of("apiKeySett", true), stored, ANY));
        assertEquals(400, e.getResponse().getStatus());
        assertTrue(String.valueOf(e.getResponse().getEntity()).contains("unknown_field"));
    }

    @Test
    void theGroupMapKeepsItsOrderThroughFormatAndParse() {
        Map<String, List<Integer>> map = OdooSettingsParser.parseGroupMap("users=1,3;sales=4");
        assertEquals("users=1,3;sales=4", OdooSettingsParser.formatGroupMap(map));
    }
}
