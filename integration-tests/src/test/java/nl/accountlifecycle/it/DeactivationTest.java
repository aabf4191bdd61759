package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.ThemeMessages;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given an admin disables a user who is signed in")
class DeactivationTest {

    static final String PASSWORD = "Actief2026abc";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @Test
    @DisplayName("then every session and offline token ends at once, login is refused, and re-enabling restores login")
    void disableEndsSessions() throws Exception {
        String id = Users.createActive(realm.admin(), Users.person("leaving", "leaving@example.org", "Lotte", "Vertrek"), PASSWORD, List.of("/users"));
        Map<String, Object> online = passwordGrant("leaving@example.org", "openid");
        Map<String, Object> offline = passwordGrant("leaving@example.org", "openid offline_access");
        Browser browser = new Browser();
        Browser.Page page = browser.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/", Map.of());
        assertNotNull(browser.submit(page, Map.of("username", "leaving@example.org", "password", PASSWORD)).location(), "browser session");
        assertEquals(200, refresh((String) online.get("refresh_token")).statusCode(), "refresh works before");
        assertTrue(realm.admin().users().get(id).getUserSessions().size() >= 2);

        setEnabled(id, false);

        assertEquals(0, realm.admin().users().get(id).getUserSessions().size(), "no online sessions left");
        String adminCli = realm.admin().clients().findByClientId("admin-cli").get(0).getId();
        assertEquals(0, realm.admin().users().get(id).getOfflineSessions(adminCli).size(), "no offline sessions left");
        HttpResponse<String> refused = refresh((String) online.get("refresh_token"));
        assertEquals(400, refused.statusCode(), refused.body());
        HttpResponse<String> offlineRefused = refresh((String) offline.get("refresh_token"));
        assertEquals(400, offlineRefused.statusCode(), offlineRefused.body());
        Browser.Page sso = browser.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/", Map.of());
        assertEquals(null, sso.location(), "the browser's session is gone too");

        Browser other = new Browser();
        Browser.Page login = other.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/", Map.of());
        Browser.Page disabled = other.submit(login, Map.of("username", "leaving@example.org", "password", PASSWORD));
        assertTrue(disabled.text().contains(ThemeMessages.rendered(ThemeMessages.login("nl"), "accountDisabledMessage")), disabled.html());

        setEnabled(id, true);

        assertNotNull(passwordGrant("leaving@example.org", "openid").get("access_token"), "login works again");
    }

    private void setEnabled(String id, boolean enabled) {
        UserRepresentation rep = realm.admin().users().get(id).toRepresentation();
        rep.setEnabled(enabled);
        realm.admin().users().get(id).update(rep);
    }

    private Map<String, Object> passwordGrant(String username, String scope) throws Exception {
        HttpResponse<String> response = token("grant_type=password&client_id=admin-cli&username=" + username
                + "&password=" + PASSWORD + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        return JsonSerialization.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
    }

    private HttpResponse<String> refresh(String refreshToken) throws Exception {
        return token("grant_type=refresh_token&client_id=admin-cli&refresh_token=" + refreshToken);
    }

    private HttpResponse<String> token(String form) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
