package nl.accountlifecycle.targetsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Users as RFC 7644 §3.3 to §3.6 exchange them: create, read, filter, replace and delete. */
class ScimUsersTest {

    static final String ALICE = """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "userName": "alice@corp.test", "externalId": "kc-1",
             "name": {"givenName": "Alice", "familyName": "Jansen", "middleName": "de", "formatted": "Alice de Jansen"},
             "displayName": "Alice", "title": "Engineer", "active": true, "password": "not kept",
             "emails": [{"value": "alice@corp.test", "type": "work", "primary": true}],
             "phoneNumbers": [{"value": "+31 20 123", "type": "work"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                 {"employeeNumber": "42", "department": "R&D", "organization": "Corp", "manager": {"value": "m-1"}}}
            """;

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
    @DisplayName("POST /Users is 201 with Location, a server-assigned UUID, meta, and every kept attribute as sent")
    void create() throws Exception {
        HttpResponse<String> created = client.scim("POST", "/Users", ALICE);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("application/scim+json", created.headers().firstValue("Content-Type").orElseThrow());
        JsonNode user = client.body(created);
        String id = user.get("id").asText();
        assertEquals(id, UUID.fromString(id).toString());
        assertEquals(sim.scimBaseUrl() + "/Users/" + id, created.headers().firstValue("Location").orElseThrow());
        assertEquals("User", user.at("/meta/resourceType").asText());
        assertEquals(sim.scimBaseUrl() + "/Users/" + id, user.at("/meta/location").asText());
        assertEquals(user.at("/meta/created").asText(), user.at("/meta/lastModified").asText());
        assertEquals("Jansen", user.at("/name/familyName").asText());
        assertEquals("alice@corp.test", user.at("/emails/0/value").asText());
        assertTrue(user.at("/emails/0/primary").asBoolean());
        assertEquals("+31 20 123", user.at("/phoneNumbers/0/value").asText());
        JsonNode enterprise = user.get("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        assertEquals("R&D", enterprise.get("department").asText());
        assertEquals("m-1", enterprise.at("/manager/value").asText());
        assertEquals(2, user.get("schemas").size());
        assertFalse(user.has("password"), "attributes the simulator does not keep are dropped");
        assertEquals(user, client.body(client.scim("GET", "/Users/" + id, null)));
    }

    @Test
    @DisplayName("an unknown id is 404 with the Error schema and status as a string")
    void notFound() throws Exception {
        HttpResponse<String> missing = client.scim("GET", "/Users/nope", null);
        assertEquals(404, missing.statusCode());
        JsonNode error = client.body(missing);
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", error.at("/schemas/0").asText());
        assertTrue(error.get("status").isTextual());
        assertEquals("404", error.get("status").asText());
        assertTrue(error.get("detail").asText().contains("nope"));
        assertEquals(404, client.scim("DELETE", "/Users/nope", null).statusCode());
    }

    @Test
    @DisplayName("filters userName eq case-insensitively and externalId eq exactly, in a ListResponse")
    void filter() throws Exception {
        client.scim("POST", "/Users", ALICE);
        String bob = client.createUser("bob@corp.test");
        JsonNode list = client.body(client.scim("GET", "/Users?filter=" + enc("userName eq \"BOB@corp.test\""), null));
        assertEquals("urn:ietf:params:scim:api:messages:2.0:ListResponse", list.at("/schemas/0").asText());
        assertEquals(1, list.get("totalResults").asInt());
        assertEquals(1, list.get("itemsPerPage").asInt());
        assertEquals(1, list.get("startIndex").asInt());
        assertEquals(bob, list.at("/Resources/0/id").asText());
        assertEquals(1, client.body(client.scim("GET", "/Users?filter=" + enc("externalId eq \"kc-1\""), null)).get("totalResults").asInt());
        JsonNode none = client.body(client.scim("GET", "/Users?filter=" + enc("externalId eq \"KC-1\""), null));
        assertEquals(0, none.get("totalResults").asInt());
        assertEquals(0, none.get("Resources").size());
        JsonNode page = client.body(client.scim("GET", "/Users?startIndex=2&count=5", null));
        assertEquals(2, page.get("totalResults").asInt());
        assertEquals(1, page.get("itemsPerPage").asInt());
        assertEquals(bob, page.at("/Resources/0/id").asText());
    }

    @Test
    @DisplayName("a filter it cannot evaluate is 400 invalidFilter")
    void badFilter() throws Exception {
        for (String f : new String[] {"userName eq", "userName gt \"a\"", "nickName eq \"a\"",
                "userName eq \"a\" and externalId eq \"b\"", "userName eq a"}) {
            HttpResponse<String> r = client.scim("GET", "/Users?filter=" + enc(f), null);
            assertEquals(400, r.statusCode(), f);
            assertEquals("invalidFilter", client.body(r).get("scimType").asText(), f);
        }
    }

    @Test
    @DisplayName("PUT replaces every writable attribute; id and meta.created stay, lastModified moves")
    void put() throws Exception {
        JsonNode before = client.body(client.scim("POST", "/Users", ALICE));
        String id = before.get("id").asText();
        Thread.sleep(5);
        HttpResponse<String> put = client.scim("PUT", "/Users/" + id, """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "ignored",
                 "userName": "alice@corp.test", "active": false, "name": {"familyName": "Smit"}}""");
        assertEquals(200, put.statusCode(), put.body());
        JsonNode after = client.body(put);
        assertEquals(id, after.get("id").asText());
        assertEquals(before.at("/meta/created"), after.at("/meta/created"));
        assertNotEquals(before.at("/meta/lastModified"), after.at("/meta/lastModified"));
        assertFalse(after.get("active").asBoolean());
        assertEquals("Smit", after.at("/name/familyName").asText());
        assertFalse(after.has("title") || after.has("emails") || after.has("externalId") || after.at("/name").has("givenName"));
        assertFalse(after.has("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"));
        assertEquals(404, client.scim("PUT", "/Users/nope", ALICE).statusCode());
    }

    @Test
    @DisplayName("DELETE is 204 without a body; the user is gone")
    void delete() throws Exception {
        String id = client.createUser("gone@corp.test");
        HttpResponse<String> deleted = client.scim("DELETE", "/Users/" + id, null);
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());
        assertEquals(404, client.scim("GET", "/Users/" + id, null).statusCode());
    }

    @Test
    @DisplayName("userName is unique case-insensitively: POST, PUT and PATCH to a taken one are 409 uniqueness")
    void uniqueness() throws Exception {
        client.createUser("taken@corp.test");
        String other = client.createUser("other@corp.test");
        HttpResponse<String> post = client.scim("POST", "/Users",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"TAKEN@corp.test\"}");
        assertEquals(409, post.statusCode());
        assertEquals("uniqueness", client.body(post).get("scimType").asText());
        assertEquals("409", client.body(post).get("status").asText());
        HttpResponse<String> put = client.scim("PUT", "/Users/" + other,
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"Taken@Corp.test\"}");
        assertEquals(409, put.statusCode());
        HttpResponse<String> patch = client.scim("PATCH", "/Users/" + other, """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "replace", "path": "userName", "value": "taken@corp.test"}]}""");
        assertEquals(409, patch.statusCode());
        assertEquals("uniqueness", client.body(patch).get("scimType").asText());
        assertEquals("other@corp.test", client.body(client.scim("GET", "/Users/" + other, null)).get("userName").asText());
    }

    @Test
    @DisplayName("bad input is 400: not JSON invalidSyntax, no schemas invalidSyntax, no userName or a wrong type invalidValue")
    void badInput() throws Exception {
        assertScimType("invalidSyntax", client.scim("POST", "/Users", "{not json"));
        assertScimType("invalidSyntax", client.scim("POST", "/Users", "{\"userName\":\"x\"}"));
        assertScimType("invalidValue", client.scim("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}"));
        assertScimType("invalidValue", client.scim("POST", "/Users",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"x\",\"active\":\"yes\"}"));
        assertScimType("invalidValue", client.scim("POST", "/Users",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"x\",\"emails\":{\"value\":\"x\"}}"));
        assertScimType("invalidValue", client.scim("GET", "/Users?count=many", null));
        assertEquals(0, sim.users().size());
    }

    @Test
    @DisplayName("application/json is accepted like application/scim+json; text/plain is 415")
    void mediaTypes() throws Exception {
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"json@corp.test\"}";
        HttpResponse<String> json = client.post("/scim/v2/Users", "application/json; charset=utf-8", body,
                "Authorization", "Bearer " + TargetSimulator.DEFAULT_SCIM_TOKEN);
        assertEquals(201, json.statusCode(), json.body());
        assertEquals("application/scim+json", json.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(415, client.post("/scim/v2/Users", "text/plain", body,
                "Authorization", "Bearer " + TargetSimulator.DEFAULT_SCIM_TOKEN).statusCode());
    }

    private void assertScimType(String scimType, HttpResponse<String> response) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(scimType, client.body(response).get("scimType").asText(), response.body());
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
