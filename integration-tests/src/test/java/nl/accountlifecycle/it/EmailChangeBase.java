package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import nl.accountlifecycle.it.support.Tokens;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/** What the email change tests share: the demo realm, the mailbox, the bundle's admin API and the user's tokens. */
abstract class EmailChangeBase {

    static final String PASSWORD = "Wissel2026abc";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    AdminApi api;
    Tokens tokens;
    final Properties login = ThemeMessages.login("nl");
    final Properties email = ThemeMessages.email("nl");

    @BeforeEach
    void setUpApi() {
        api = AdminApi.forRealm(realm);
        tokens = new Tokens(realm.getBaseUrl());
    }

    String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    String msg(Properties messages, String key, String... params) {
        String text = ThemeMessages.rendered(messages, key);
        for (int i = 0; i < params.length; i++) {
            text = text.replace("{" + i + "}", params[i]);
        }
        return text;
    }

    String active(String username, String address) {
        return Users.createActive(realm.admin(), Users.person(username, address, "Eva", "Wissel"), PASSWORD, List.of("/users"));
    }

    UserRepresentation user(String id) {
        return realm.admin().users().get(id).toRepresentation();
    }

    AdminApi.Reply change(String id, String address, String mode) {
        return api.post("users/" + id + "/email-change", "{\"email\":\"" + address + "\",\"mode\":\"" + mode + "\"}", token());
    }

    /** Asserts the notice to the old address: subject, masked new address, support contact, and nothing else leaked. */
    Mails.Mail assertNoticeAt(String oldAddress, String newAddress) {
        Mails.Mail notice = Mails.nth(mail, oldAddress, 1);
        assertEquals(msg(email, "accountLifecycle.emailChanged.subject", "Demo"), notice.subject());
        String masked = newAddress.charAt(0) + "***" + newAddress.substring(newAddress.indexOf('@'));
        assertTrue(notice.text().contains(masked), notice.text());
        assertTrue(notice.html().contains(masked), notice.html());
        assertFalse(notice.text().contains(newAddress), "the new address appears masked only");
        assertTrue(notice.text().contains("helpdesk@demo.local"), "names the realm's support contact");
        return notice;
    }

    List<EventRepresentation> updateEmailEvents(String userId) {
        return realm.admin().getEvents(List.of("UPDATE_EMAIL"), null, userId, null, null, null, 0, 20);
    }
}
