package nl.accountlifecycle.odoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.WebApplicationException;
import nl.accountlifecycle.support.HostPolicy;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

class OdooMappingTest {

    static final OdooUserMapping.Fields ODOO_17 = new OdooUserMapping.Fields(
            Set.of("login", "name", "email", "active", "oauth_uid", "oauth_provider_id", "groups_id"),
            Set.of("name", "email", "phone", "mobile", "function", "title"));
    static final OdooUserMapping.Fields ODOO_19 = new OdooUserMapping.Fields(
            Set.of("login", "name", "email", "active", "oauth_uid", "oauth_provider_id", "group_ids"),
            Set.of("name", "email", "phone", "function", "title"));

    static UserSnapshot jan(String infix) {
        return new UserSnapshot("kc-1", false, " Jan.Berg@Example.org ", "Jan", infix, "Berg", true, "020 123", "06 1",
                "Inkoper", "mr", List.of("users"));
    }

    @Test
    void namesJoinWithSingleSpacesAndSkipAnEmptyInfix() {
        assertEquals("Jan van den Berg", OdooUserMapping.name("Jan", " van  den ", "Berg"));
        assertEquals("Jan Berg", OdooUserMapping.name("Jan", "", "Berg"));
        assertEquals("Jan Berg", OdooUserMapping.name("Jan", null, "Berg"));
        assertEquals("Berg", OdooUserMapping.name(null, null, "Berg"));
    }

    @Test
    void userValuesFollowTheOdooVersion() {
        OdooSettings settings = OdooSettings.fromStrings(Map.of("oauthProviderId", "3", "groupMap", "users=1,7"));
        Map<String, Object> v17 = OdooUserMapping.values(jan("van den"), settings, ODOO_17, Map.of("mr", 1));
        assertEquals("jan.berg@example.org", v17.get("login"));
        assertEquals("Jan van den Berg", v17.get("name"));
        assertEquals(true, v17.get("active"));
        assertEquals("kc-1", v17.get("oauth_uid"));
        assertEquals(3, v17.get("oauth_provider_id"));
        assertEquals("06 1", v17.get("mobile"));
        assertEquals("Inkoper", v17.get("function"));
        assertEquals(1, v17.get("title"));
        assertEquals(List.of(List.of(6, 0, List.of(1, 7))), v17.get("groups_id"));

        Map<String, Object> v19 = OdooUserMapping.values(jan(null), settings, ODOO_19, Map.of());
        assertFalse(v19.containsKey("mobile"), "Odoo 19 has no partner mobile");
        assertTrue(v19.containsKey("group_ids"));
        assertEquals(false, v19.get("title"), "no matching title clears it");
    }

    @Test
    void togglesLeaveFieldsAlone() {
        OdooSettings settings = OdooSettings.fromStrings(Map.of("syncPhone", "false", "syncMobile", "false",
                "syncJobTitle", "false", "syncTitle", "false"));
        Map<String, Object> vals = OdooUserMapping.values(jan(null), settings, ODOO_17, Map.of("mr", 1));
        for (String field : List.of("phone", "mobile", "function", "title", "groups_id", "oauth_provider_id")) {
            assertFalse(vals.containsKey(field), field);
        }
    }

    @Test
    void titlesMatchOdoosStandardRecords() {
        Map<String, Integer> ids = OdooUserMapping.titleIds(List.of(
                Map.of("id", 1, "name", "Mister", "shortcut", "Mr."),
                Map.of("id", 2, "name", "Madam", "shortcut", "Mrs."),
                Map.of("id", 3, "name", "Doctor", "shortcut", "Dr.")));
        assertEquals(Map.of("mr", 1, "ms", 2, "dr", 3), ids);
    }

    @Test
    void backoffDoublesUpToTheCap() {
        assertTrue(OutboxLedger.backoffMillis(1, 2000, 300_000) >= 2000 && OutboxLedger.backoffMillis(1, 2000, 300_000) <= 2200);
        assertTrue(OutboxLedger.backoffMillis(3, 2000, 300_000) >= 8000 && OutboxLedger.backoffMillis(3, 2000, 300_000) <= 8800);
        assertTrue(OutboxLedger.backoffMillis(30, 2000, 300_000) <= 330_000);
        assertTrue(OutboxLedger.backoffMillis(30, 2000, 300_000) >= 300_000);
    }

    @Test
    void configIsValidatedBeforeAnythingIsSaved() {
        OdooSettings none = OdooSettings.fromStrings(Map.of());
        assertField("url", () -> OdooConfigUpdate.validate(Map.of("url", "http://erp.example.org"), none, ANY));
        assertField("url", () -> OdooConfigUpdate.validate(Map.of("url", "not a url"), none, ANY));
        assertField("transport", () -> OdooConfigUpdate.validate(Map.of("transport", "soap"), none, ANY));
        assertField("apiKey", () -> OdooConfigUpdate.validate(Map.of("enabled", true, "url", "https://erp.example.org", "login", "admin"), none, ANY));
        assertField("database", () -> OdooConfigUpdate.validate(Map.of("enabled", true, "url", "https://erp.example.org",
                "login", "admin", "apiKey", "k"), none, ANY));
        assertField("maxAttempts", () -> OdooConfigUpdate.validate(Map.of("maxAttempts", 0), none, ANY));
        assertField("groupMap", () -> OdooConfigUpdate.validate(Map.of("groupMap", Map.of("users", List.of("x"))), none, ANY));
        assertField("colour", () -> OdooConfigUpdate.validate(Map.of("colour", "blue"), none, ANY));

        Map<String, String> saved = OdooConfigUpdate.validate(Map.of("enabled", true, "url", "https://erp.example.org",
                "database", "prod", "login", "admin", "apiKey", "${vault.odoo-key}", "transport", "json2",
                "groupMap", Map.of("users", List.of(1, 7))), none, ANY);
        OdooSettings settings = OdooSettings.fromStrings(new HashMap<>(saved));
        assertEquals(Map.of("users", List.of(1, 7)), settings.groupMap());
        Map<String, Object> view = OdooConfigView.of(settings);
        assertEquals(true, view.get("apiKeySet"));
        assertEquals("${vault.odoo-key}", view.get("apiKeyVault"));
        assertFalse(view.containsKey("apiKey"));
        OdooSettings literal = OdooSettings.fromStrings(Map.of("apiKey", "secret-123"));
        assertFalse(OdooConfigView.of(literal).toString().contains("secret-123"), "a literal key is never shown");
        // a later save without apiKey keeps the stored key
        assertEquals("${vault.odoo-key}", OdooConfigUpdate.validate(Map.of("timeoutSeconds", 5), settings, ANY).get("apiKey"));
    }

    static final HostPolicy ANY = HostPolicy.parse("*");

    @Test
    void aUrlWithAnotherHostNeedsItsOwnKey() {
        OdooSettings stored = OdooSettings.fromStrings(Map.of("url", "https://erp.example.org", "apiKey", "k1"));
        assertField("apiKey", () -> OdooConfigUpdate.validate(Map.of("url", "https://evil.example.net"), stored, ANY));
        assertField("apiKey", () -> OdooConfigUpdate.validate(Map.of("url", "https://erp.example.org:8443"), stored, ANY));
        assertEquals("k2", OdooConfigUpdate.validate(Map.of("url", "https://evil.example.net", "apiKey", "k2"), stored, ANY).get("apiKey"));
        assertEquals("k1", OdooConfigUpdate.validate(Map.of("url", "https://ERP.example.org/odoo"), stored, ANY).get("apiKey"),
                "same host, another path: the key stays");
        assertEquals("erp.example.org:443", OdooSettings.keyHost("https://erp.example.org/x"));
        assertEquals("127.0.0.1:80", OdooSettings.keyHost("http://127.0.0.1"));
    }

    @Test
    void onlyTheOperatorsHostsAreAccepted() {
        OdooSettings none = OdooSettings.fromStrings(Map.of());
        HostPolicy list = HostPolicy.parse("erp.example.org, *.odoo.com");
        assertEquals("https://erp.example.org", OdooConfigUpdate.validate(Map.of("url", "https://erp.example.org"), none, list).get("url"));
        OdooConfigUpdate.validate(Map.of("url", "https://acme.odoo.com"), none, list);
        assertField("url", () -> OdooConfigUpdate.validate(Map.of("url", "https://erp.example.net"), none, list));
        assertField("url", () -> OdooConfigUpdate.validate(Map.of("url", "https://erp.example.org"), none, HostPolicy.NONE));
    }

    @Test
    void theVaultSecretIsClosedAfterUse() {
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        VaultStringSecret secret = new VaultStringSecret() {
            @Override
            public java.util.Optional<String> get() {
                return java.util.Optional.of("from-the-vault");
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        VaultTranscriber vault = proxy(VaultTranscriber.class, "getStringSecret", secret);
        KeycloakSession session = proxy(KeycloakSession.class, "vault", vault);
        assertEquals("from-the-vault", OdooSettings.fromStrings(Map.of("apiKey", "${vault.odoo-key}")).resolveApiKey(session));
        assertEquals(1, closed.get(), "the vault secret is closed once read");
        assertEquals("literal", OdooSettings.fromStrings(Map.of("apiKey", "literal")).resolveApiKey(session));
    }

    /** An interface whose one method answers {@code value}; every other method answers null. */
    private static <T> T proxy(Class<T> type, String method, Object value) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, m, args) -> m.getName().equals(method) ? value : null));
    }

    @Test
    void theSettingsNeverPrintTheKey() {
        OdooSettings literal = OdooSettings.fromStrings(Map.of("url", "https://erp.example.org", "apiKey", "secret-123"));
        assertFalse(literal.toString().contains("secret-123"), literal.toString());
        assertTrue(literal.toString().contains("apiKey=**********"), literal.toString());
        OdooSettings vault = OdooSettings.fromStrings(Map.of("apiKey", "${vault.odoo-key}"));
        assertFalse(vault.toString().contains("odoo-key"), "not even the vault reference: " + vault);
        assertTrue(OdooSettings.fromStrings(Map.of()).toString().contains("apiKey=none"));
    }

    private static void assertField(String field, Runnable call) {
        WebApplicationException e = assertThrows(WebApplicationException.class, call::run);
        assertEquals(400, e.getResponse().getStatus());
        assertTrue(String.valueOf(e.getResponse().getEntity()).contains("field=" + field), e.getResponse().getEntity().toString());
    }
}
