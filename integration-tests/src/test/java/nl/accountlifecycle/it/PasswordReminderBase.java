package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.DemoRealm;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/** What the password reminder tests share: the demo realm with its 90-day policy, the mailbox and the server's clock. */
abstract class PasswordReminderBase {

    static final String PASSWORD = "Herfst2026abc";
    static final int DAY = 86400;

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    /** The server's clock, moved forward by the test framework's test-only providers. */
    @InjectTimeOffSet
    TimeOffSet clock;

    AdminApi api;

    @BeforeEach
    void setUpApi() {
        api = AdminApi.forRealm(realm);
    }

    /** A token issued at the server's (moved) time. */
    String token() {
        return admin.tokenManager().grantToken().getToken();
    }

    /** One scan of this realm: 202 with the due users found and the mails queued; the mails follow on a worker. */
    Map<String, Object> runScan() {
        AdminApi.Reply reply = api.post("password-reminders/run", null, token());
        assertEquals(202, reply.status(), reply.toString());
        return reply.json();
    }

    static int queued(Map<String, Object> run) {
        return ((Number) run.get("queued")).intValue();
    }

    void setPassword(String userId, String value) {
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(value);
        password.setTemporary(false);
        realm.admin().users().get(userId).resetPassword(password);
    }
}
