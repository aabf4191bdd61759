package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.BundleJars;
import nl.accountlifecycle.it.support.BundleServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;
import org.keycloak.representations.info.SpiInfoRepresentation;
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
    @DisplayName("then every provider the jar registers in META-INF/services is running, and each that reports info reports the bundle version")
    void everyRegisteredProviderIsRunning() {
        ServerInfoRepresentation info = admin.serverInfo().getInfo();
        List<BundleJars.Registered> registered = BundleJars.registeredProviders();
        // the kinds the bundle is made of: a provider lost from its services file fails here, not in production
        List<String> kinds = List.of("required-action", "actionTokenHandler", "eventsListener", "admin-realm-restapi-extension",
                "realm-restapi-extension", "jpa-entity-provider", "workflow-step", "workflow-condition", "validator");
        for (String kind : kinds) {
            assertTrue(registered.stream().anyMatch(r -> r.spi().equals(kind)), "the jar registers no " + kind + ": " + registered);
        }

        for (BundleJars.Registered provider : registered) {
            SpiInfoRepresentation spi = info.getProviders().get(provider.spi());
            assertNotNull(spi, "SPI " + provider.spi() + " is not on the server: " + info.getProviders().keySet());
            ProviderRepresentation running = spi.getProviders().get(provider.id());
            assertNotNull(running, provider + " is not running; the server has " + spi.getProviders().keySet());
            if (provider.reportsInfo()) {
                assertNotNull(running.getOperationalInfo(), provider + " reports no operational info");
                assertEquals(System.getProperty("bundle.version"), running.getOperationalInfo().get("version"), provider.toString());
            }
        }
    }

    @Test
    @DisplayName("then every theme the themes jar declares is available, with Dutch and English")
    void themesAreAvailable() {
        Map<String, List<ThemeInfoRepresentation>> themes = admin.serverInfo().getInfo().getThemes();
        Map<String, List<String>> declared = BundleJars.declaredThemes();
        assertFalse(declared.isEmpty(), "the themes jar declares no theme");

        declared.forEach((name, types) -> {
            assertFalse(types.isEmpty(), name);
            for (String type : types) {
                ThemeInfoRepresentation theme = themes.getOrDefault(type, List.of()).stream()
                        .filter(t -> t.getName().equals(name)).findFirst()
                        .orElseThrow(() -> new AssertionError(type + " theme " + name + " missing: " + names(themes.get(type))));
                assertNotNull(theme.getLocales(), type + " theme " + name + " has no messages");
                assertTrue(List.of(theme.getLocales()).containsAll(List.of("nl", "en")), type + " theme locales: " + List.of(theme.getLocales()));
            }
        });
        assertTrue(declared.getOrDefault("account-lifecycle", List.of()).containsAll(List.of("login", "email")), declared.toString());
    }

    private static List<String> names(List<ThemeInfoRepresentation> themes) {
        return themes == null ? List.of() : themes.stream().map(ThemeInfoRepresentation::getName).toList();
    }
}
