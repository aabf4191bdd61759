package nl.accountlifecycle.targetsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** PATCH as RFC 7644 §3.5.2 defines it: add, replace and remove, with a path and without one. */
class ScimPatchTest {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    TargetSimulator sim;
    TargetClient client;
    String id;

    @BeforeEach
    void start() throws Exception {
        sim = TargetSimulator.start(0);
        client = new TargetClient(sim);
        id = client.body(client.scim("POST", "/Users", ScimUsersTest.ALICE)).get("id").asText();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> patch(String operations) throws Exception {
        return client.scim("PATCH", "/Users/" + id,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":" + operations + "}");
    }

    private JsonNode patched(String operations) throws Exception {
        HttpResponse<String> r = patch(operations);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode user = client.body(r);
        assertEquals(user, client.body(client.scim("GET", "/Users/" + id, null)), "the answer is what is stored");
        return user;
    }

    @Test
    @DisplayName("with a path: replace a simple and a sub-attribute, add an email, remove the phone numbers")
    void withPath() throws Exception {
        JsonNode user = patched("""
                [{"op": "replace", "path": "active", "value": false},
                 {"op": "replace", "path": "name.familyName", "value": "Bakker"},
                 {"op": "add", "path": "emails", "value": [{"value": "a@home.test", "type": "home"}]},
                 {"op": "remove", "path": "phoneNumbers"},
                 {"op": "replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Ops"}]""");
        assertFalse(user.get("active").asBoolean());
        assertEquals("Bakker", user.at("/name/familyName").asText());
        assertEquals("Alice", user.at("/name/givenName").asText(), "the other sub-attributes stay");
        assertEquals(2, user.get("emails").size());
        assertEquals("a@home.test", user.at("/emails/1/value").asText());
        assertFalse(user.has("phoneNumbers"));
        assertEquals("Ops", user.get(ENTERPRISE).get("department").asText());
        assertEquals("42", user.get(ENTERPRISE).get("employeeNumber").asText());
    }

    @Test
    @DisplayName("with a value filter: replace the work email's value, make the home one primary, remove it again")
    void valueFilter() throws Exception {
        JsonNode user = patched("""
                [{"op": "replace", "path": "emails[type eq \\"work\\"].value", "value": "alice@new.test"},
                 {"op": "add", "path": "emails[type eq \\"home\\"].value", "value": "a@home.test"},
                 {"op": "replace", "path": "emails[type eq \\"home\\"].primary", "value": true}]""");
        assertEquals("alice@new.test", user.at("/emails/0/value").asText());
        assertFalse(user.at("/emails/0/primary").asBoolean(), "one primary only (§3.5.2)");
        assertEquals("a@home.test", user.at("/emails/1/value").asText());
        assertTrue(user.at("/emails/1/primary").asBoolean());
        user = patched("[{\"op\": \"remove\", \"path\": \"emails[type eq \\\"home\\\"]\"}]");
        assertEquals(1, user.get("emails").size());
    }

    @Test
    @DisplayName("without a path: the value object's attributes are replaced, complex ones merged, the extension too")
    void withoutPath() throws Exception {
        JsonNode user = patched("""
                [{"op": "replace", "value": {"active": false, "displayName": "Al", "name": {"givenName": "Alicia"},
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"organization": "NewCorp"},
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "43"}},
                 {"op": "add", "value": {"title": "Lead", "name.middleName": "van",
                  "phoneNumbers": [{"value": "+31 6 1", "type": "mobile"}]}}]""");
        assertFalse(user.get("active").asBoolean());
        assertEquals("Al", user.get("displayName").asText());
        assertEquals("Alicia", user.at("/name/givenName").asText());
        assertEquals("Jansen", user.at("/name/familyName").asText(), "replace merges a complex attribute (§3.5.2.3)");
        assertEquals("van", user.at("/name/middleName").asText());
        assertEquals("Lead", user.get("title").asText());
        assertEquals(2, user.get("phoneNumbers").size(), "add appends to a multi-valued attribute");
        assertEquals("NewCorp", user.get(ENTERPRISE).get("organization").asText());
        assertEquals("43", user.get(ENTERPRISE).get("employeeNumber").asText());
        assertEquals("R&D", user.get(ENTERPRISE).get("department").asText());
    }

    @Test
    @DisplayName("op names and attribute names match case-insensitively")
    void caseInsensitive() throws Exception {
        JsonNode user = patched("[{\"op\": \"Replace\", \"path\": \"NAME.FamilyName\", \"value\": \"Visser\"}]");
        assertEquals("Visser", user.at("/name/familyName").asText());
    }

    @Test
    @DisplayName("refused, and nothing changes: a wrong schema, an unknown path, a wrong type, a read-only target, no match")
    void refused() throws Exception {
        JsonNode before = client.body(client.scim("GET", "/Users/" + id, null));
        HttpResponse<String> noSchema = client.scim("PATCH", "/Users/" + id,
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}");
        assertScimType("invalidSyntax", noSchema);
        assertScimType("invalidSyntax", patch("[{\"op\": \"move\", \"path\": \"active\", \"value\": false}]"));
        assertScimType("invalidPath", patch("[{\"op\": \"replace\", \"path\": \"nickName\", \"value\": \"x\"}]"));
        assertScimType("invalidValue", patch("[{\"op\": \"replace\", \"path\": \"active\", \"value\": \"False\"}]"));
        assertScimType("mutability", patch("[{\"op\": \"replace\", \"path\": \"id\", \"value\": \"x\"}]"));
        assertScimType("noTarget", patch("[{\"op\": \"remove\"}]"));
        assertScimType("noTarget", patch("[{\"op\": \"replace\", \"path\": \"emails[type eq \\\"home\\\"].value\", \"value\": \"x\"}]"));
        assertScimType("invalidValue", patch("""
                [{"op": "replace", "path": "active", "value": false},
                 {"op": "remove", "path": "userName"}]"""));
        assertEquals(before, client.body(client.scim("GET", "/Users/" + id, null)), "a failed PATCH changes nothing");
        assertEquals(404, client.scim("PATCH", "/Users/nope",
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[]}").statusCode());
    }

    private void assertScimType(String scimType, HttpResponse<String> response) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(scimType, client.body(response).get("scimType").asText(), response.body());
    }
}
