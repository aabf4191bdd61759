package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the email change API")
class EmailChangeApiTest extends EmailChangeBase {

    @Test
    @DisplayName("bad input gets a 4xx naming the field, and nothing is changed or sent")
    void badInput() {
        String id = active("bad.change", "bad.change@example.org");
        String other = active("bad.other", "bad.other@example.org");
        String disabled = active("bad.disabled", "bad.disabled@example.org");
        UserRepresentation off = user(disabled);
        off.setEnabled(false);
        realm.admin().users().get(disabled).update(off);
        String path = "users/" + id + "/email-change";

        assertError(api.post(path, "{\"email\":\"not-an-address\",\"mode\":\"confirm\"}", token()), 400, "email");
        assertError(api.post(path, "{\"email\":\"two words@example.org\",\"mode\":\"immediate\"}", token()), 400, "email");
        assertError(api.post(path, "{\"email\":\"BAD.change@example.org\",\"mode\":\"confirm\"}", token()), 400, "email");
        assertError(api.post(path, "{\"email\":\"bad.other@example.org\",\"mode\":\"immediate\"}", token()), 409, "email");
        assertError(api.post(path, "{\"email\":\"bad.fresh@example.org\",\"mode\":\"later\"}", token()), 400, "mode");
        assertError(api.post(path, "{\"email\":\"bad.fresh@example.org\"}", token()), 400, "mode");
        assertError(api.post(path, "{\"mode\":\"confirm\"}", token()), 400, "email");
        assertEquals(400, api.post(path, "[1,2]", token()).status());
        assertError(api.post("users/" + disabled + "/email-change", "{\"email\":\"bad.fresh@example.org\",\"mode\":\"confirm\"}", token()), 409, "enabled");
        assertEquals(404, api.post("users/no-such-user/email-change", "{\"email\":\"bad.fresh@example.org\",\"mode\":\"confirm\"}", token()).status());
        assertError(api.get("users?email=bad.c", token()), 400, "email");

        assertEquals("bad.change@example.org", user(id).getEmail());
        assertEquals("bad.other@example.org", user(other).getEmail());
        assertNull(api.get("users/" + id, token()).json().get("emailChange"));
        assertEquals(0, Mails.to(mail, "bad.fresh@example.org").size() + Mails.to(mail, "bad.change@example.org").size());
    }

    private static void assertError(AdminApi.Reply reply, int status, String field) {
        assertEquals(status, reply.status(), reply.toString());
        Map<String, Object> body = reply.json();
        assertEquals(field, body.get("field"), reply.toString());
        assertNotNull(body.get("error"));
        assertNotNull(body.get("message"));
    }

    @Test
    @DisplayName("permissions: no token 401, no role 403, query/view roles may read but not change, manage-users may change")
    void permissions() {
        String id = active("perm.target", "perm.target@example.org");
        String none = Users.withAdminRoles(realm.admin(), "ec.perm.none", PASSWORD);
        String query = Users.withAdminRoles(realm.admin(), "ec.perm.q", PASSWORD, "query-users");
        String view = Users.withAdminRoles(realm.admin(), "ec.perm.v", PASSWORD, "view-users");
        String manage = Users.withAdminRoles(realm.admin(), "ec.perm.m", PASSWORD, "manage-users", "view-users");
        String path = "users/" + id + "/email-change";
        String body = "{\"email\":\"perm.moved@example.org\",\"mode\":\"confirm\"}";

        assertEquals(401, api.post(path, body, null).status());
        assertEquals(401, api.delete(path, null).status());
        String tNone = api.passwordGrant(DemoRealm.NAME, none, PASSWORD);
        assertEquals(403, api.post(path, body, tNone).status());
        assertEquals(403, api.delete(path, tNone).status());
        assertEquals(403, api.get("users/" + id, tNone).status());
        assertEquals(403, api.get("users?email=perm.target", tNone).status());
        for (String reader : List.of(query, view)) {
            String t = api.passwordGrant(DemoRealm.NAME, reader, PASSWORD);
            assertEquals(403, api.post(path, body, t).status(), reader);
            assertEquals(403, api.post("users/no-such-user/email-change", body, t).status(), reader + ": no hint whether the user exists");
            assertEquals(403, api.delete(path, t).status(), reader);
        }
        String tView = api.passwordGrant(DemoRealm.NAME, view, PASSWORD);
        assertEquals(200, api.get("users/" + id, tView).status());
        assertEquals(200, api.get("users?email=perm.target", tView).status());
        assertEquals(0, Mails.to(mail, "perm.moved@example.org").size(), "refused requests sent nothing");

        String tManage = api.passwordGrant(DemoRealm.NAME, manage, PASSWORD);
        assertEquals(202, api.post(path, body, tManage).status());
        assertEquals(204, api.delete(path, tManage).status());
    }
}
