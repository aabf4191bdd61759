package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.ws.rs.BadRequestException;
import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/** Issue #10, item 10: no accounts on role mailboxes, wherever an address enters. */
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given a role mailbox such as info@")
class RoleMailboxTest {

    static final String PASSWORD = "Functie2026abc";
    static final String MESSAGE_KEY = "accountLifecycle.profile.email.roleMailbox";

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
        return api.post("invitations", "{\"email\":\"" + email + "\",\"firstName\":\"Rol\",\"lastName\":\"Adres\"}", token());
    }

    private static void assertRefused(AdminApi.Reply reply) {
        assertEquals(400, reply.status(), reply.toString());
        assertEquals("email", reply.json().get("field"), reply.toString());
        assertTrue(((String) reply.json().get("message")).contains(MESSAGE_KEY), reply.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"info@rol-test.example", "Admin@rol-test.example", "administratie@rol-test.example",
            "noreply@rol-test.example", "no-reply@rol-test.example", "support@rol-test.example", "sales@rol-test.example",
            "office@rol-test.example", "contact@rol-test.example", "info+extra@rol-test.example"})
    @DisplayName("then the invitation API refuses it with 400 naming email, and creates no user")
    void inviteRefused(String address) {
        assertRefused(invite(address));
        assertEquals(0, realm.admin().users().search(address.toLowerCase(), 0, 10).size());
    }

    @Test
    @DisplayName("then an email change to it is refused in both modes, and a personal address still goes through")
    void emailChangeRefused() {
        String id = Users.createActive(realm.admin(), Users.person("rol.change", "rol.change@rol-test.example", "Rol", "Wissel"),
                PASSWORD, List.of());
        for (String mode : List.of("confirm", "immediate")) {
            assertRefused(api.post("users/" + id + "/email-change", "{\"email\":\"info@rol-test.example\",\"mode\":\"" + mode + "\"}", token()));
        }
        assertEquals("rol.change@rol-test.example", realm.admin().users().get(id).toRepresentation().getEmail());
        assertEquals(200, api.post("users/" + id + "/email-change",
                "{\"email\":\"informatie.jansen@rol-test.example\",\"mode\":\"immediate\"}", token()).status(),
                "only the whole local part counts: informatie.jansen@ is a person");
    }

    @Test
    @DisplayName("then Keycloak's own admin API (the console's create and edit) refuses it through the user profile")
    void keycloakAdminApiRefused() {
        Users.Created created = Users.create(realm.admin(), Users.person("rol.console", "office@rol-test.example", "Rol", "Console"));
        assertEquals(400, created.status(), created.body());
        assertTrue(created.body().contains(MESSAGE_KEY), created.body());

        String id = Users.createActive(realm.admin(), Users.person("rol.edit", "rol.edit@rol-test.example", "Rol", "Bewerk"), PASSWORD, List.of());
        UserRepresentation rep = realm.admin().users().get(id).toRepresentation();
        rep.setEmail("sales@rol-test.example");
        BadRequestException refused = org.junit.jupiter.api.Assertions.assertThrows(BadRequestException.class,
                () -> realm.admin().users().get(id).update(rep));
        assertTrue(refused.getResponse().readEntity(String.class).contains(MESSAGE_KEY));
        assertEquals("rol.edit@rol-test.example", realm.admin().users().get(id).toRepresentation().getEmail());
    }

    @Test
    @DisplayName("then the realm decides which names are role mailboxes")
    void listIsARealmSetting() {
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.getAttributes().put("accountLifecycle.roleMailboxes", "balie, Receptie");
        realm.admin().update(rep);
        try {
            assertRefused(invite("receptie@rol-test.example"));
            assertEquals(201, invite("info@rol-setting.example").status(), "info@ is allowed once the realm's list leaves it out");
        } finally {
            RealmRepresentation restore = realm.admin().toRepresentation();
            restore.getAttributes().put("accountLifecycle.roleMailboxes", ""); // empty: the default list
            realm.admin().update(restore);
        }
        assertRefused(invite("info@rol-setting2.example"));
    }
}
