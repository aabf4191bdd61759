package nl.accountlifecycle.it;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.DemoRealm;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/** What the invitation API tests share: the demo realm, the mailbox and the bundle's admin API. */
abstract class InvitationApiBase {

    static final String PASSWORD = "Beheer2026abc";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    AdminApi api;

    @BeforeEach
    void setUpApi() {
        api = AdminApi.forRealm(realm);
    }

    String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    /** An invitation body for the address given as JSON ({@code "\"a@example.org\""}, or a bad value), plus extra fields. */
    static String body(String email, String extra) {
        return "{\"email\":" + email + ",\"firstName\":\"Els\",\"lastName\":\"Fout\"" + (extra == null ? "" : "," + extra) + "}";
    }

    int usersWithEmailLike(String fragment) {
        return realm.admin().users().search(fragment, 0, 100).size();
    }
}
