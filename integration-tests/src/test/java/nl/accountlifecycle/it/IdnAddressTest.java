package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/** Issue #10, item 11: {@code x@bücher.example} and {@code x@xn--bcher-kva.example} are one mailbox. */
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given an address with an internationalised domain")
class IdnAddressTest {

    static final String PASSWORD = "Domein2026abc";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    AdminApi api;

    @BeforeEach
    void setUp() {
        api = AdminApi.forRealm(realm);
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    private AdminApi.Reply invite(String email) {
        return api.post("invitations", "{\"email\":\"" + email + "\",\"firstName\":\"Ida\",\"lastName\":\"Domein\"}", token());
    }

    @Test
    @DisplayName("then inviting the same mailbox in its other spelling gets 409, either way round")
    void inviteSeesBothSpellings() {
        assertEquals(201, invite("x@bücher.example").status());
        AdminApi.Reply ascii = invite("x@xn--bcher-kva.example");
        assertEquals(409, ascii.status(), ascii.toString());
        assertEquals("email", ascii.json().get("field"));

        assertEquals(201, invite("y@xn--bcher-kva.example").status());
        AdminApi.Reply unicode = invite("y@BÜCHER.example");
        assertEquals(409, unicode.status(), unicode.toString());
        assertEquals(1, realm.admin().users().list(0, 10_000).stream()
                .filter(u -> u.getEmail() != null && u.getEmail().startsWith("y@")).count(), "one user for the mailbox");
    }

    @Test
    @DisplayName("then an email change to the other spelling of someone's mailbox gets 409, and to one's own 400")
    void emailChangeSeesBothSpellings() {
        assertEquals(201, invite("z@bücher.example").status());
        String id = Users.createActive(realm.admin(), Users.person("idn.change", "idn.change@example.org", "Ida", "Wissel"), PASSWORD, List.of());
        for (String mode : List.of("confirm", "immediate")) {
            AdminApi.Reply reply = api.post("users/" + id + "/email-change",
                    "{\"email\":\"z@xn--bcher-kva.example\",\"mode\":\"" + mode + "\"}", token());
            assertEquals(409, reply.status(), reply.toString());
            assertEquals("email", reply.json().get("field"));
        }
        assertEquals("idn.change@example.org", realm.admin().users().get(id).toRepresentation().getEmail());

        assertEquals(200, api.post("users/" + id + "/email-change", "{\"email\":\"w@bücher.example\",\"mode\":\"immediate\"}", token()).status());
        AdminApi.Reply same = api.post("users/" + id + "/email-change", "{\"email\":\"w@xn--bcher-kva.example\",\"mode\":\"immediate\"}", token());
        assertEquals(400, same.status(), same.toString());
        assertEquals("same_email", same.json().get("error"));
    }
}
