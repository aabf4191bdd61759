package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.accountlifecycle.it.support.Await;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Mails;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * Users created and deactivated over Keycloak's own SCIM API (feature {@code scim-api}) are handled as the console's:
 * an invitation mail for a user with an email and no password, and the sessions ended when the user is deactivated.
 */
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given users provisioned into this Keycloak over its SCIM API")
class ScimInboundTest extends ActivationFlowBase {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A client-credentials token of a confidential client that may use the realm's SCIM API. */
    String scimToken() throws Exception {
        admin.realm(realm.getName()).update(withScim(realm.admin().toRepresentation()));
        String clientId = "scim-provisioner";
        if (realm.admin().clients().findByClientId(clientId).isEmpty()) {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(clientId);
            client.setSecret("scim-provisioner-secret");
            client.setPublicClient(false);
            client.setServiceAccountsEnabled(true);
            client.setStandardFlowEnabled(false);
            ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
            audience.setName("scim-audience");
            audience.setProtocol("openid-connect");
            audience.setProtocolMapper("oidc-audience-mapper");
            audience.setConfig(Map.of("included.custom.audience", scimBase(), "access.token.claim", "true"));
            client.setProtocolMappers(List.of(audience));
            realm.admin().clients().create(client).close();
            String id = realm.admin().clients().findByClientId(clientId).get(0).getId();
            UserRepresentation account = realm.admin().clients().get(id).getServiceAccountUser();
            String management = realm.admin().clients().findByClientId("realm-management").get(0).getId();
            RoleRepresentation manage = realm.admin().clients().get(management).roles().get("manage-users").toRepresentation();
            realm.admin().users().get(account.getId()).roles().clientLevel(management).add(List.of(manage));
        }
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl()
                        + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + URLEncoder.encode("scim-provisioner-secret", StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        return (String) JSON.readValue(token.body(), Map.class).get("access_token");
    }

    private static org.keycloak.representations.idm.RealmRepresentation withScim(org.keycloak.representations.idm.RealmRepresentation rep) {
        rep.setScimApiEnabled(true);
        return rep;
    }

    String scimBase() {
        return realm.getBaseUrl() + "/scim/v2";
    }

    HttpResponse<String> scim(String token, String method, String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(scimBase() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/scim+json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String user(String email, String first, String last) {
        return "{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"], \"userName\": \"" + email + "\","
                + " \"name\": {\"givenName\": \"" + first + "\", \"familyName\": \"" + last + "\"},"
                + " \"emails\": [{\"value\": \"" + email + "\", \"type\": \"work\", \"primary\": true}], \"active\": true}";
    }

    @Test
    @DisplayName("then a user created over SCIM with an email and no password gets the activation mail, and its link opens the form")
    void scimCreatedUserIsInvited() throws Exception {
        HttpResponse<String> created = scim(scimToken(), "POST", "/Users", user("scim.invited@example.org", "Sanne", "Scim"));
        assertEquals(201, created.statusCode(), created.body());
        String id = (String) JSON.readValue(created.body(), Map.class).get("id");

        Browser.Page form = new Browser().get(URI.create(Mails.nth(mail, "scim.invited@example.org", 1).link()));
        assertTrue(form.html().contains("kc-activate-account-form"), form.html());
        assertEquals(List.of("pending"), user(id).getAttributes().get("accountLifecycle.activation.status"));
    }

    @Test
    @DisplayName("then a SCIM active:false ends the user's sessions, as a deactivation in the console does")
    void scimDeactivationEndsSessions() throws Exception {
        String token = scimToken();
        HttpResponse<String> created = scim(token, "POST", "/Users", user("scim.leaver@example.org", "Lars", "Leaver"));
        assertEquals(201, created.statusCode(), created.body());
        String id = (String) JSON.readValue(created.body(), Map.class).get("id");
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(STRONG);
        password.setTemporary(false);
        realm.admin().users().get(id).resetPassword(password);
        UserRepresentation rep = user(id);
        rep.setRequiredActions(List.of());
        rep.setEmailVerified(true);
        realm.admin().users().get(id).update(rep);
        api.passwordGrant(DemoRealm.NAME, "scim.leaver@example.org", STRONG);
        assertFalse(realm.admin().users().get(id).getUserSessions().isEmpty(), "signed in");

        HttpResponse<String> patched = scim(token, "PATCH", "/Users/" + id, "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + " \"Operations\": [{\"op\": \"replace\", \"path\": \"active\", \"value\": false}]}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertFalse(user(id).isEnabled());
        Await.until("the sessions ended", () -> realm.admin().users().get(id).getUserSessions().isEmpty());
    }
}
