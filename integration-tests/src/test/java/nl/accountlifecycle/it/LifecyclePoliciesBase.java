package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Await;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Tokens;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/** What the lifecycle policy tests share: the demo realm, the mailbox, the server's clock, and policies removed after each test. */
abstract class LifecyclePoliciesBase {

    static final String PASSWORD = "Herfst2026abc";
    static final int DAY = 86400;
    static final String HELPDESK = "helpdesk.policies@example.org";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    @InjectTimeOffSet
    TimeOffSet clock;

    AdminApi api;
    final List<String> workflows = new ArrayList<>();

    @BeforeEach
    void setUpApi() {
        api = AdminApi.forRealm(realm);
    }

    @AfterEach
    void removePolicies() {
        clock.set(0);
        for (String id : workflows) {
            api.deleteKeycloak("workflows/" + id, token());
        }
        workflows.clear();
    }

    String token() {
        return admin.tokenManager().grantToken().getToken();
    }

    /** The shipped file, switched on, with the daily or hourly scan every 2 s and the helpdesk address of the test. */
    String enable(String file) {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/realm-config/workflows/" + file)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("shipped policy missing: " + file, e);
        }
        assertTrue(yaml.contains("enabled: false"), file + " ships switched off");
        yaml = yaml.replace("enabled: false", "enabled: true")
                .replaceAll("(?m)^(schedule:\\n  after: )\\S+", "$12s")
                .replace("helpdesk@example.org", HELPDESK);
        AdminApi.Reply reply = api.postKeycloak("workflows", yaml, "application/yaml", token());
        assertEquals(201, reply.status(), file + ": " + reply);
        String location = reply.header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        workflows.add(id);
        return id;
    }

    /** Whether Keycloak has the user enrolled in a workflow (a step scheduled for them). */
    boolean enrolled(String userId) {
        AdminApi.Reply reply = api.getKeycloak("workflows/scheduled/" + userId, token());
        assertEquals(200, reply.status(), reply.toString());
        return !reply.body().strip().equals("[]");
    }

    boolean enabled(String userId) {
        return realm.admin().users().get(userId).toRepresentation().isEnabled();
    }

    static void await(BooleanSupplier condition, String what) {
        Await.until(what, Duration.ofSeconds(40), condition);
    }

    /** Links in mails start at the realm's frontend URL, here the test server's own; restored after the test. */
    String serverUrlAsFrontendUrl() {
        String serverUrl = realm.getBaseUrl().substring(0, realm.getBaseUrl().indexOf("/realms/"));
        realm.updateWithCleanup(r -> r.attribute("frontendUrl", serverUrl));
        return serverUrl;
    }

    String invite(String email) {
        String json = "{\"email\":\"" + email + "\",\"firstName\":\"Ina\",\"lastName\":\"Genodigd\",\"groups\":[\"users\"]}";
        AdminApi.Reply reply = api.post("invitations", json, token());
        assertEquals(201, reply.status(), reply.toString());
        return (String) reply.json().get("userId");
    }

    String activeUser(String username, Map<String, List<String>> attributes) {
        UserRepresentation person = Users.person(username, username + "@example.org", "Piet", "Beleid");
        person.setAttributes(attributes);
        return Users.createActive(realm.admin(), person, PASSWORD, List.of("/users"));
    }

    /** The link id inside an activation link's token. */
    static Object linkId(String link) {
        String key = link.substring(link.indexOf("key=") + 4).split("&")[0];
        return Tokens.claims(key).get("lid");
    }

    /** When the user's first pending step is due, as Keycloak reports it (epoch millis). */
    long firstStepDue(String userId) {
        AdminApi.Reply reply = api.getKeycloak("workflows/scheduled/" + userId, token());
        assertEquals(200, reply.status(), reply.toString());
        try {
            List<Map<String, Object>> scheduled = org.keycloak.util.JsonSerialization.readValue(reply.body(),
                    new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, Object>>>() { });
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> steps = (List<Map<String, Object>>) scheduled.get(0).get("steps");
            return steps.stream().filter(step -> step.get("scheduled-at") != null)
                    .mapToLong(step -> ((Number) step.get("scheduled-at")).longValue()).min().orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(reply.body(), e);
        }
    }

}
