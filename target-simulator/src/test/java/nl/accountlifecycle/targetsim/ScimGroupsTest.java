package nl.accountlifecycle.targetsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Groups and their members (RFC 7643 §4.2, RFC 7644 §3.5.2). */
class ScimGroupsTest {

    TargetSimulator sim;
    TargetClient client;
    String alice;
    String bob;

    @BeforeEach
    void start() throws Exception {
        sim = TargetSimulator.start(0);
        client = new TargetClient(sim);
        alice = client.createUser("alice@corp.test");
        bob = client.createUser("bob@corp.test");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private String createGroup(String displayName, String... members) throws Exception {
        StringBuilder m = new StringBuilder();
        for (String member : members) {
            m.append(m.length() == 0 ? "" : ",").append("{\"value\":\"").append(member).append("\"}");
        }
        HttpResponse<String> r = client.scim("POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"" + displayName + "\",\"members\":[" + m + "]}");
        assertEquals(201, r.statusCode(), r.body());
        return client.body(r).get("id").asText();
    }

    private JsonNode patch(String groupId, String operations) throws Exception {
        HttpResponse<String> r = client.scim("PATCH", "/Groups/" + groupId,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":" + operations + "}");
        assertEquals(200, r.statusCode(), r.body());
        return client.body(r);
    }

    @Test
    @DisplayName("a group is created with members, found by displayName, and shows in its members' groups")
    void createAndFind() throws Exception {
        String id = createGroup("Sales", alice);
        JsonNode group = client.body(client.scim("GET", "/Groups/" + id, null));
        assertEquals("Group", group.at("/meta/resourceType").asText());
        assertEquals(alice, group.at("/members/0/value").asText());
        assertEquals("User", group.at("/members/0/type").asText());
        assertEquals(sim.scimBaseUrl() + "/Users/" + alice, group.at("/members/0/$ref").asText());
        JsonNode found = client.body(client.scim("GET", "/Groups?filter=" + ScimUsersTest.enc("displayName eq \"sales\""), null));
        assertEquals(1, found.get("totalResults").asInt());
        assertEquals(id, found.at("/Resources/0/id").asText());
        JsonNode user = client.body(client.scim("GET", "/Users/" + alice, null));
        assertEquals(id, user.at("/groups/0/value").asText());
        assertEquals("Sales", user.at("/groups/0/display").asText());
    }

    @Test
    @DisplayName("PATCH add members adds once; remove with members[value eq id] removes just that one")
    void addAndRemoveMembers() throws Exception {
        String id = createGroup("Sales");
        JsonNode group = patch(id, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + alice + "\"},{\"value\":\"" + bob + "\"}]},"
                + "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + alice + "\"}]}]");
        assertEquals(2, group.get("members").size());
        group = patch(id, "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + alice + "\\\"]\"}]");
        assertEquals(1, group.get("members").size());
        assertEquals(bob, group.at("/members/0/value").asText());
        assertFalse(client.body(client.scim("GET", "/Users/" + alice, null)).has("groups"));
        group = patch(id, "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + alice + "\\\"]\"}]");
        assertEquals(1, group.get("members").size(), "removing a member already gone succeeds without change");
        group = patch(id, "[{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}]");
        assertFalse(group.has("members"));
    }

    @Test
    @DisplayName("a member that is no user or group is 400 invalidValue")
    void unknownMember() throws Exception {
        String id = createGroup("Sales");
        HttpResponse<String> r = client.scim("PATCH", "/Groups/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"ghost\"}]}]}");
        assertEquals(400, r.statusCode());
        assertEquals("invalidValue", client.body(r).get("scimType").asText());
    }

    @Test
    @DisplayName("deleting a user takes it out of its groups; deleting a group is 204")
    void delete() throws Exception {
        String id = createGroup("Sales", alice, bob);
        assertEquals(204, client.scim("DELETE", "/Users/" + alice, null).statusCode());
        JsonNode group = client.body(client.scim("GET", "/Groups/" + id, null));
        assertEquals(1, group.get("members").size());
        assertEquals(204, client.scim("DELETE", "/Groups/" + id, null).statusCode());
        assertEquals(404, client.scim("GET", "/Groups/" + id, null).statusCode());
        assertFalse(client.body(client.scim("GET", "/Users/" + bob, null)).has("groups"));
    }
}
