package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given an admin creates users in the demo realm")
class UserProfileTest {

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @Test
    @DisplayName("then a user with infix, title, phone, mobile and job title reads back unchanged")
    void attributesRoundTrip() {
        UserRepresentation user = Users.person("jvdberg", "jan.vandenberg@example.org", "Jan", "Berg");
        Map<String, List<String>> attributes = Users.attributes(
                "infix", "van den", "title", "dr", "phone", "+31 20 123 4567", "mobile", "06-12345678", "jobTitle", "Hoofd inkoop");
        user.setAttributes(attributes);

        Users.Created created = Users.create(realm.admin(), user);
        assertEquals(201, created.status(), created.body());

        UserRepresentation stored = realm.admin().users().get(created.id()).toRepresentation();
        assertEquals("Jan", stored.getFirstName());
        assertEquals("Berg", stored.getLastName());
        assertEquals("jan.vandenberg@example.org", stored.getEmail());
        attributes.forEach((name, value) -> assertEquals(value, stored.getAttributes().get(name), name));
    }

    @Test
    @DisplayName("then a second user with the same email is refused with 409")
    void duplicateEmailRefused() {
        assertEquals(201, Users.create(realm.admin(), Users.person("first", "same@example.org", "Eerste", "Gebruiker")).status());

        Users.Created second = Users.create(realm.admin(), Users.person("second", "SAME@example.org", "Tweede", "Gebruiker"));

        assertEquals(409, second.status(), second.body());
        assertTrue(second.body().contains("email"), second.body());
        assertEquals(1, realm.admin().users().searchByEmail("same@example.org", true).size(), "nothing half-written");
    }

    @Test
    @DisplayName("then an admin creates a user with email and names only, as the console form asks, and the email is the username")
    void emailIsTheUsername() {
        UserRepresentation user = Users.person(null, "Sanne.de.Vries@Example.org", "Sanne", "Vries");
        user.setAttributes(Users.attributes("infix", "de"));

        Users.Created created = Users.create(realm.admin(), user);

        assertEquals(201, created.status(), created.body());
        assertEquals("sanne.de.vries@example.org", realm.admin().users().get(created.id()).toRepresentation().getUsername());
    }

    @Test
    @DisplayName("then a phone number with letters is refused with the attribute's message")
    void invalidPhoneRefused() {
        UserRepresentation user = Users.person("badphone", "badphone@example.org", "Piet", "Jansen");
        user.setAttributes(Users.attributes("phone", "call me maybe"));

        Users.Created created = Users.create(realm.admin(), user);

        assertEquals(400, created.status(), created.body());
        assertTrue(created.body().contains("accountLifecycle.profile.phone.invalid"), created.body());
    }

    @Test
    @DisplayName("then the password abc is rejected with a policy message")
    void weakPasswordRejected() {
        String body = refusedPassword("weakpw", "abc");

        assertTrue(body.matches(".*\\\"error\\\":\\\"invalidPassword(MinLength|MinDigits|MinUpperCaseChars)Message\\\".*"), body);
        assertTrue(body.contains("Invalid password"), body);
    }

    @ParameterizedTest(name = "{0} breaks only the rule {1}")
    @CsvSource({
            "Abcdef1, invalidPasswordMinLengthMessage",
            "Abcdefgh, invalidPasswordMinDigitsMessage",
            "ABCDEFG1, invalidPasswordMinLowerCaseCharsMessage",
            "abcdefg1, invalidPasswordMinUpperCaseCharsMessage"
    })
    @DisplayName("then each rule of the policy is enforced with its own message")
    void eachRuleEnforced(String password, String messageKey) {
        String body = refusedPassword("rule" + Math.abs(password.hashCode()), password);

        assertTrue(body.contains("\"" + messageKey + "\""), body);
    }

    private String refusedPassword(String username, String value) {
        Users.Created created = Users.create(realm.admin(), Users.person(username, username + "@example.org", "Kees", "Bakker"));
        assertEquals(201, created.status(), created.body());
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(value);
        password.setTemporary(false);

        BadRequestException refused = assertThrows(BadRequestException.class,
                () -> realm.admin().users().get(created.id()).resetPassword(password));
        assertEquals(0, realm.admin().users().get(created.id()).credentials().size(), "no password stored");
        return refused.getResponse().readEntity(String.class);
    }

    @Test
    @DisplayName("then a password that meets every rule is accepted")
    void strongPasswordAccepted() {
        Users.Created created = Users.create(realm.admin(), Users.person("goodpw", "goodpw@example.org", "Anna", "Visser"));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue("Zomer2026x");
        password.setTemporary(false);

        realm.admin().users().get(created.id()).resetPassword(password);

        assertEquals(1, realm.admin().users().get(created.id()).credentials().size());
        Map<String, List<String>> attributes = realm.admin().users().get(created.id()).toRepresentation().getAttributes();
        java.time.Instant changed = java.time.Instant.parse(attributes.get("accountLifecycle.password.changedAt").get(0));
        assertEquals(changed.plus(java.time.Duration.ofDays(90)).toString(), attributes.get("accountLifecycle.password.expiresAt").get(0),
                "the console shows when the password expires");
    }
}
