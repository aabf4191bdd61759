package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Await;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.ScimKeycloak;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** The bundle's SCIM client against a SCIM server no one here wrote: a stock Keycloak 26.7.3 with {@code scim-api}. */
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given a SCIM target that is a stock Keycloak 26.7.3 with its own SCIM server")
class KeycloakScimTargetTest {

    static final String PASSWORD = "Scim2026abcd";
    static ScimKeycloak target;

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @BeforeAll
    static void startTarget() throws Exception {
        target = ScimKeycloak.start();
    }

    @AfterAll
    static void stopTarget() throws Exception {
        if (target != null) {
            target.close();
        }
    }

    String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    /** The target's user for this Keycloak user, through its SCIM filter on externalId (exactly one, or null). */
    static Map<String, Object> there(String userId) {
        try {
            List<Map<String, Object>> found = target.byExternalId(userId);
            if (found.size() > 1) {
                throw new AssertionError("more than one user in the target for " + userId + ": " + found);
            }
            return found.isEmpty() ? null : found.get(0);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("then created, renamed, disabled, enabled and deleted users converge there, as its SCIM and admin APIs show")
    void convergesIntoKeycloaksScimServer() throws Exception {
        AdminApi api = AdminApi.forRealm(realm);
        AdminApi.Reply created = api.post("targets", "{\"name\": \"keycloak-scim\", \"kind\": \"scim\", \"url\": \"" + target.baseUrl()
                + "\", \"auth\": \"client_credentials\", \"tokenUrl\": \"" + target.tokenUrl() + "\", \"clientId\": \"" + target.clientId()
                + "\", \"secret\": \"" + target.clientSecret() + "\", \"deleteMode\": \"disable\"}", token());
        assertEquals(201, created.status(), created.toString());
        String targetId = (String) created.json().get("id");
        try {
            UserRepresentation rep = Users.person("kc.scim", "kc.scim@example.org", "Jan", "Berg");
            rep.setAttributes(Users.attributes("infix", "van den", "jobTitle", "Inkoper"));
            String id = Users.createActive(realm.admin(), rep, PASSWORD, List.of());
            Await.until("created there", () -> there(id) != null);
            Map<String, Object> user = there(id);
            String remote = (String) user.get("id");
            assertEquals("kc.scim@example.org", user.get("userName"));
            assertEquals("van den Berg", ((Map<?, ?>) user.get("name")).get("familyName"));
            assertEquals("Inkoper", user.get("title"));
            assertEquals(Boolean.TRUE, target.adminUser(remote).get("enabled"), "enabled in its admin API");

            rep = realm.admin().users().get(id).toRepresentation();
            rep.setFirstName("Johan");
            realm.admin().users().get(id).update(rep);
            Await.until("renamed there", () -> "Johan".equals(((Map<?, ?>) there(id).get("name")).get("givenName")));
            rep.setEnabled(false);
            realm.admin().users().get(id).update(rep);
            Await.until("disabled there", () -> Boolean.FALSE.equals(adminUser(remote).get("enabled")));
            rep.setEnabled(true);
            realm.admin().users().get(id).update(rep);
            Await.until("enabled there", () -> Boolean.TRUE.equals(adminUser(remote).get("enabled")));
            realm.admin().users().get(id).remove();
            Await.until("deactivated there when deleted here", () -> Boolean.FALSE.equals(adminUser(remote).get("enabled")));
            assertEquals(remote, there(id).get("id"), "one user there throughout");

            assertEquals(200, api.put("targets/" + targetId, "{\"deleteMode\": \"delete\"}", token()).status());
            String second = Users.createActive(realm.admin(), Users.person("kc.scim2", "kc.scim2@example.org", "Els", "Weg"), PASSWORD, List.of());
            Await.until("the second user created there", () -> there(second) != null);
            String secondRemote = (String) there(second).get("id");
            realm.admin().users().get(second).remove();
            Await.until("deleted there", () -> adminUser(secondRemote) == null);
            assertNull(there(second));
            Map<String, Object> status = api.get("targets/" + targetId + "/status", token()).json();
            assertEquals(0, ((Number) status.get("dead")).intValue(), status.toString());
        } finally {
            api.delete("targets/" + targetId, token());
        }
    }

    static Map<?, ?> adminUser(String id) {
        try {
            return target.adminUser(id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
