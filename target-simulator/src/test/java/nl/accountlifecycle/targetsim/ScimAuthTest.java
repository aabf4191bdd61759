package nl.accountlifecycle.targetsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Bearer tokens, the client-credentials token endpoint, and the discovery endpoints. */
class ScimAuthTest {

    TargetSimulator sim;
    TargetClient client;

    @BeforeEach
    void start() throws Exception {
        sim = TargetSimulator.start(0);
        client = new TargetClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    @DisplayName("without a token, or with a wrong one, /Users is 401 with a Bearer challenge and a SCIM error")
    void unauthorized() throws Exception {
        client.token = null;
        HttpResponse<String> none = client.scim("GET", "/Users", null);
        assertEquals(401, none.statusCode());
        assertEquals("Bearer realm=\"scim\"", none.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("401", client.body(none).get("status").asText());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", client.body(none).at("/schemas/0").asText());
        client.token = "wrong";
        HttpResponse<String> wrong = client.scim("POST", "/Users", "{}");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElseThrow().contains("invalid_token"));
        assertEquals(0, sim.users().size());
    }

    @Test
    @DisplayName("client credentials with HTTP Basic give a Bearer token of 300 s that /Users accepts")
    void clientCredentialsBasic() throws Exception {
        String basic = Base64.getEncoder().encodeToString("sim-client:sim-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = client.post("/oauth/token", "application/x-www-form-urlencoded", "grant_type=client_credentials",
                "Authorization", "Basic " + basic);
        assertEquals(200, token.statusCode(), token.body());
        assertEquals("no-store", token.headers().firstValue("Cache-Control").orElseThrow());
        JsonNode answer = client.body(token);
        assertEquals("Bearer", answer.get("token_type").asText());
        assertEquals(300, answer.get("expires_in").asInt());
        client.token = answer.get("access_token").asText();
        assertEquals(201, client.scim("POST", "/Users",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"t@corp.test\"}").statusCode());
    }

    @Test
    @DisplayName("client credentials in form fields work too; a wrong secret is 401 invalid_client, another grant 400")
    void clientCredentialsForm() throws Exception {
        HttpResponse<String> token = client.post("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=sim-client&client_secret=sim-secret&scope=scim");
        assertEquals(200, token.statusCode(), token.body());
        client.token = client.body(token).get("access_token").asText();
        assertEquals(200, client.scim("GET", "/Users", null).statusCode());
        HttpResponse<String> wrong = client.post("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=sim-client&client_secret=nope");
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_client", client.body(wrong).get("error").asText());
        HttpResponse<String> grant = client.post("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=password&client_id=sim-client&client_secret=sim-secret");
        assertEquals(400, grant.statusCode());
        assertEquals("unsupported_grant_type", client.body(grant).get("error").asText());
    }

    @Test
    @DisplayName("ServiceProviderConfig: patch and filter (200) supported; bulk, etag and sort not; oauthbearertoken")
    void serviceProviderConfig() throws Exception {
        client.token = null;
        HttpResponse<String> r = client.scim("GET", "/ServiceProviderConfig", null);
        assertEquals(200, r.statusCode());
        assertEquals("application/scim+json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonNode config = client.body(r);
        assertEquals("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", config.at("/schemas/0").asText());
        assertTrue(config.at("/patch/supported").asBoolean());
        assertTrue(config.at("/filter/supported").asBoolean());
        assertEquals(200, config.at("/filter/maxResults").asInt());
        assertFalse(config.at("/bulk/supported").asBoolean());
        assertFalse(config.at("/etag/supported").asBoolean());
        assertFalse(config.at("/sort/supported").asBoolean());
        assertFalse(config.at("/changePassword/supported").asBoolean());
        assertEquals("oauthbearertoken", config.at("/authenticationSchemes/0/type").asText());
    }

    @Test
    @DisplayName("Schemas lists User, Enterprise User and Group with their attribute names; ResourceTypes lists User and Group")
    void schemasAndResourceTypes() throws Exception {
        JsonNode schemas = client.body(client.scim("GET", "/Schemas", null));
        assertEquals(3, schemas.get("totalResults").asInt());
        List<String> ids = new ArrayList<>();
        schemas.get("Resources").forEach(s -> ids.add(s.get("id").asText()));
        assertEquals(List.of("urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group"), ids);
        List<String> userAttributes = new ArrayList<>();
        schemas.at("/Resources/0/attributes").forEach(a -> userAttributes.add(a.get("name").asText()));
        assertTrue(userAttributes.containsAll(List.of("userName", "name", "displayName", "title", "emails", "phoneNumbers",
                "active", "groups")), userAttributes.toString());
        JsonNode enterprise = client.body(client.scim("GET", "/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", null));
        assertEquals("employeeNumber", enterprise.at("/attributes/0/name").asText());
        JsonNode types = client.body(client.scim("GET", "/ResourceTypes", null));
        assertEquals("/Users", types.at("/Resources/0/endpoint").asText());
        assertEquals("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", types.at("/Resources/0/schemaExtensions/0/schema").asText());
        assertEquals("/Groups", types.at("/Resources/1/endpoint").asText());
        assertEquals(404, client.scim("GET", "/Schemas/urn:nope", null).statusCode());
    }

    @Test
    @DisplayName("an endpoint the service provider does not offer: /Bulk is 501, an unknown one 404, a wrong method 405")
    void unsupported() throws Exception {
        assertEquals(501, client.scim("POST", "/Bulk", "{}").statusCode());
        assertEquals(404, client.scim("GET", "/Widgets", null).statusCode());
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(URI.create(sim.scimBaseUrl() + "/Users"))
                .header("Authorization", "Bearer " + TargetSimulator.DEFAULT_SCIM_TOKEN).DELETE());
        assertEquals(405, put.statusCode());
        assertEquals("GET, POST", put.headers().firstValue("Allow").orElseThrow());
    }
}
