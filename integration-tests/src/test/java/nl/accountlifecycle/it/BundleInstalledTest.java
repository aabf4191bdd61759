package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.BundleServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;
import org.keycloak.representations.info.ThemeInfoRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given Keycloak with the bundle's jars in providers/")
class BundleInstalledTest {

    @InjectAdminClient
    Keycloak admin;

    @Test
    @DisplayName("then the event listener is listed with the bundle version in the provider info")
    void eventListenerReportsVersion() {
        ServerInfoRepresentation info = admin.serverInfo().getInfo();

        assertEquals("26.7.3", info.getSystemInfo().getVersion(), "the server under test is Keycloak 26.7.3");
        ProviderRepresentation listener = info.getProviders().get("eventsListener").getProviders().get("account-lifecycle");
        assertNotNull(listener, "account-lifecycle event listener is not registered");
        Map<String, String> operational = listener.getOperationalInfo();
        assertNotNull(operational, "the factory must report operational info");
        assertEquals("account-lifecycle", operational.get("bundle"));
        assertEquals(System.getProperty("bundle.version"), operational.get("version"));
    }

    @Test
    @DisplayName("then every provider of the bundle is listed with the bundle version")
    void everyProviderReportsVersion() {
        ServerInfoRepresentation info = admin.serverInfo().getInfo();
        Map<String, String> providers = Map.of(
                "eventsListener", "account-lifecycle",
                "required-action", "activate-account",
                "actionTokenHandler", "account-lifecycle-activation",
                "admin-realm-restapi-extension", "account-lifecycle",
                "realm-restapi-extension", "account-lifecycle");

        providers.forEach((spi, id) -> {
            assertNotNull(info.getProviders().get(spi), "SPI " + spi + " in " + info.getProviders().keySet());
            ProviderRepresentation provider = info.getProviders().get(spi).getProviders().get(id);
            assertNotNull(provider, spi + "/" + id + " is not registered");
            assertNotNull(provider.getOperationalInfo(), spi + "/" + id + " reports no operational info");
            assertEquals(System.getProperty("bundle.version"), provider.getOperationalInfo().get("version"), spi + "/" + id);
        });
    }

    @Test
    @DisplayName("then the login and email themes named account-lifecycle are available")
    void themesAreAvailable() {
        Map<String, List<ThemeInfoRepresentation>> themes = admin.serverInfo().getInfo().getThemes();

        assertTrue(hasTheme(themes.get("login"), "account-lifecycle"), "login theme missing: " + names(themes.get("login")));
        assertTrue(hasTheme(themes.get("email"), "account-lifecycle"), "email theme missing: " + names(themes.get("email")));
        ThemeInfoRepresentation login = themes.get("login").stream()
                .filter(t -> t.getName().equals("account-lifecycle")).findFirst().orElseThrow();
        assertTrue(List.of(login.getLocales()).containsAll(List.of("nl", "en")), "login theme locales: " + List.of(login.getLocales()));
    }

    private static boolean hasTheme(List<ThemeInfoRepresentation> themes, String name) {
        return themes != null && themes.stream().anyMatch(t -> t.getName().equals(name));
    }

    private static List<String> names(List<ThemeInfoRepresentation> themes) {
        return themes == null ? List.of() : themes.stream().map(ThemeInfoRepresentation::getName).toList();
    }
}
