package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import nl.accountlifecycle.it.support.Await;
import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/** Issue #10, item 13: a mail that cannot be sent is recorded on the user, without the address. */
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the realm's mail server cannot be reached")
class UnreachableMailServerTest {

    static final String PASSWORD = "Bezorg2026abc";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    AdminApi api;
    Map<String, String> smtp;

    @BeforeEach
    void mailServerDown() throws IOException {
        api = AdminApi.forRealm(realm);
        RealmRepresentation rep = realm.admin().toRepresentation();
        smtp = new HashMap<>(rep.getSmtpServer());
        int unused;
        try (ServerSocket socket = new ServerSocket(0)) {
            unused = socket.getLocalPort(); // closed again: nobody listens there
        }
        Map<String, String> down = new HashMap<>(smtp);
        down.put("host", "127.0.0.1");
        down.put("port", Integer.toString(unused));
        rep.setSmtpServer(down);
        realm.admin().update(rep);
    }

    @AfterEach
    void mailServerBack() {
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setSmtpServer(smtp);
        realm.admin().update(rep);
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    private static String waitFor(Supplier<String> value) {
        return Await.value("a recorded mail failure", Duration.ofSeconds(20), value);
    }

    @Test
    @DisplayName("then a confirm-mode email change answers 202 and GET users/{id} shows lastError, which names no address")
    void emailChangeFailureRecorded() {
        String id = Users.createActive(realm.admin(), Users.person("fail.change", "fail.old@example.org", "Fa", "Len"), PASSWORD, List.of());
        AdminApi.Reply reply = api.post("users/" + id + "/email-change", "{\"email\":\"fail.new@example.org\",\"mode\":\"confirm\"}", token());
        assertEquals(202, reply.status(), reply.toString());

        String lastError = waitFor(() -> {
            Map<?, ?> change = (Map<?, ?>) api.get("users/" + id, token()).json().get("emailChange");
            return change == null ? null : (String) change.get("lastError");
        });
        assertTrue(lastError.contains("mail not sent"), lastError);
        assertFalse(lastError.contains("@"), "no address in lastError: " + lastError);
        assertFalse(lastError.contains("fail.new") || lastError.contains("fail.old"), lastError);
        assertEquals("fail.old@example.org", realm.admin().users().get(id).toRepresentation().getEmail());
    }

    @Test
    @DisplayName("then an invitation records lastError on its activation status, which names no address")
    void activationFailureRecorded() {
        AdminApi.Reply invited = api.post("invitations", "{\"email\":\"fail.invite@example.org\",\"firstName\":\"Fa\",\"lastName\":\"Len\"}", token());
        assertEquals(201, invited.status(), invited.toString());
        String id = (String) invited.json().get("userId");

        String lastError = waitFor(() -> (String) ((Map<?, ?>) api.get("users/" + id, token()).json().get("activation")).get("lastError"));
        assertNotNull(lastError);
        assertFalse(lastError.contains("@"), "no address in lastError: " + lastError);
    }
}
