package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the invitation API")
class InvitationApiTest extends InvitationApiBase {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            invalid email              | "not-an-email"          |                                             | email
            missing first name         | "a1@example.org"        | "firstName":null                            | firstName
            over-long last name        | "a2@example.org"        | "lastName":"LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL" | lastName
            over-long infix            | "a3@example.org"        | "infix":"van van van van van van van van van" | infix
            invalid phone              | "a4@example.org"        | "phone":"bel me"                            | phone
            unknown group              | "a5@example.org"        | "groups":["users","no-such-group"]          | groups
            subject with a newline     | "a6@example.org"        | "subject":"Hallo\\nBcc: x@example.org"       | subject
            lifespan over the maximum  | "a7@example.org"        | "lifespan":99999999                         | lifespan
            unknown client             | "a8@example.org"        | "clientId":"no-such-client"                 | clientId
            foreign redirect           | "a9@example.org"        | "redirectUri":"https://evil.example/"       | redirectUri
            """)
    @DisplayName("bad input gets 400 naming the field and leaves no user behind")
    void badInput(String name, String email, String extra, String field) {
        String json = body(email, extra == null ? null : extra);
        if (json.contains("\"firstName\":null")) {
            json = json.replace("\"firstName\":\"Els\",", "");
        }
        AdminApi.Reply reply = api.post("invitations", json, token());

        assertEquals(400, reply.status(), reply.toString());
        assertEquals(field, reply.json().get("field"), reply.toString());
        assertTrue(reply.json().get("message") instanceof String);
        assertEquals(0, usersWithEmailLike(email.replace("\"", "")), "no partial user for " + name);
    }

    @Test
    @DisplayName("a body that is not JSON gets 400")
    void malformedJson() {
        AdminApi.Reply reply = api.post("invitations", "{not json", token());
        assertEquals(400, reply.status(), reply.toString());
        assertEquals("invalid_json", reply.json().get("error"));
    }

    @Test
    @DisplayName("a duplicate email gets 409 and the first user is untouched")
    void duplicateEmail() {
        assertEquals(201, api.post("invitations", body("\"dup@example.org\"", null), token()).status());

        AdminApi.Reply second = api.post("invitations", body("\"DUP@example.org\"", "\"username\":\"another\""), token());

        assertEquals(409, second.status(), second.toString());
        assertEquals("email", second.json().get("field"));
        assertEquals(1, usersWithEmailLike("dup@example.org"));
    }

    @Test
    @DisplayName("an email with spaces around it is trimmed")
    void emailTrimmed() {
        AdminApi.Reply reply = api.post("invitations", body("\"  trim.me@example.org  \"", null), token());

        assertEquals(201, reply.status(), reply.toString());
        assertEquals("trim.me@example.org", reply.json().get("email"));
        assertEquals("trim.me@example.org", realm.admin().users().get((String) reply.json().get("userId")).toRepresentation().getEmail());
    }

    @Test
    @DisplayName("the invited user gets the profile attributes and the chosen group")
    void attributesAndGroup() {
        AdminApi.Reply reply = api.post("invitations", "{\"email\":\"full@example.org\",\"firstName\":\"Fien\",\"infix\":\"de\","
                + "\"lastName\":\"Vries\",\"title\":\"ms\",\"phone\":\"+31 30 123 4567\",\"mobile\":\"06 1234 5678\","
                + "\"jobTitle\":\"Planner\",\"groups\":[\"/administrators\"]}", token());

        assertEquals(201, reply.status(), reply.toString());
        String id = (String) reply.json().get("userId");
        var user = realm.admin().users().get(id).toRepresentation();
        assertEquals(List.of("de"), user.getAttributes().get("infix"));
        assertEquals(List.of("Planner"), user.getAttributes().get("jobTitle"));
        assertEquals(List.of("administrators"), realm.admin().users().get(id).groups().stream().map(g -> g.getName()).toList());
    }

    @Test
    @DisplayName("a user invited in English gets the English email, whatever the admin's browser language")
    void englishInvitation() {
        AdminApi.Reply reply = api.post("invitations", body("\"english@example.org\"", "\"locale\":\"en\""), token());
        assertEquals(201, reply.status(), reply.toString());

        Mails.Mail received = Mails.nth(mail, "english@example.org", 1);

        assertEquals(ThemeMessages.rendered(ThemeMessages.email("en"), "accountLifecycle.activation.email.subject").replace("{0}", "Demo"),
                received.subject());
        assertEquals(400, api.post("invitations", body("\"french@example.org\"", "\"locale\":\"fr\""), token()).status());
        assertEquals(0, usersWithEmailLike("french@example.org"));
    }

    @Test
    @DisplayName("permissions: no token 401, no role 403, query-users may list, view-users may read a user, manage-users may write")
    void permissionMatrix() {
        String nobody = Users.withAdminRoles(realm.admin(), "perm.none", PASSWORD);
        String reader = Users.withAdminRoles(realm.admin(), "perm.query", PASSWORD, "query-users");
        String viewer = Users.withAdminRoles(realm.admin(), "perm.view", PASSWORD, "view-users");
        String manager = Users.withAdminRoles(realm.admin(), "perm.manage", PASSWORD, "manage-users", "view-users");
        String targetId = (String) api.post("invitations", body("\"perm.target@example.org\"", null), token()).json().get("userId");

        assertEquals(401, api.get("invitations", null).status());
        assertEquals(401, api.post("invitations", body("\"x1@example.org\"", null), null).status());

        String tNone = api.passwordGrant(DemoRealm.NAME, nobody, PASSWORD);
        assertEquals(403, api.get("invitations", tNone).status());
        assertEquals(403, api.get("users/" + targetId, tNone).status());
        assertEquals(403, api.post("invitations", body("\"x2@example.org\"", null), tNone).status());
        assertEquals(403, api.post("invitations/" + targetId + "/resend", "{}", tNone).status());

        for (String reading : List.of(reader, viewer)) {
            String t = api.passwordGrant(DemoRealm.NAME, reading, PASSWORD);
            assertEquals(200, api.get("invitations", t).status(), reading);
            // one user's details need view-users, as Keycloak's own GET /users/{id}
            assertEquals(reading.equals(viewer) ? 200 : 403, api.get("users/" + targetId, t).status(), reading);
            assertEquals(403, api.post("invitations", body("\"x3@example.org\"", null), t).status(), reading);
            assertEquals(403, api.post("invitations/" + targetId + "/resend", "{}", t).status(), reading);
        }

        String tManage = api.passwordGrant(DemoRealm.NAME, manager, PASSWORD);
        assertEquals(201, api.post("invitations", body("\"x4@example.org\"", null), tManage).status());
        assertEquals(200, api.post("invitations/" + targetId + "/resend", "{}", tManage).status());
        assertEquals(0, usersWithEmailLike("x2@example.org") + usersWithEmailLike("x3@example.org"), "refused writes wrote nothing");
    }
}
