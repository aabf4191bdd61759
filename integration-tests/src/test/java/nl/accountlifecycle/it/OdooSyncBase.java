package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Await;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.TestOdoo;
import nl.accountlifecycle.it.support.Users;
import nl.accountlifecycle.odoosim.OdooSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.realm.ManagedRealm;

/** What the Odoo sync tests share: the demo realm, a loopback Odoo simulator per class, and the bundle's Odoo API. */
abstract class OdooSyncBase {

    static final String PASSWORD = "Odoo2026abcd";
    static OdooSimulator odoo;

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    AdminApi api;

    @BeforeAll
    static void startOdoo() throws Exception {
        odoo = TestOdoo.start();
    }

    @AfterAll
    static void stopOdoo() {
        odoo.close();
    }

    @BeforeEach
    void setUpApiAndOdoo() {
        api = AdminApi.forRealm(realm);
        odoo.reset();
    }

    /**
     * Lets the worker deliver what the test left queued before the sync is switched off: a row left pending would
     * be sent in the next test, to a simulator that was reset and gives out the same ids again.
     */
    @AfterEach
    void disableSync() throws Exception {
        odoo.setDown(false);
        try {
            Await.until("the outbox drained", Duration.ofSeconds(15), () -> ((Number) status().get("pending")).intValue() == 0);
        } catch (AssertionError stillPending) {
            // rows in backoff for an Odoo that keeps refusing: switching the sync off keeps them from being sent
        }
        api.put("odoo/config", "{\"enabled\": false, \"linkExisting\": false}", token());
    }

    String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    void configure(String transport, String key, int maxAttempts) {
        AdminApi.Reply saved = api.put("odoo/config", "{\"enabled\": true, \"url\": \"" + odoo.baseUrl() + "\", \"database\": \"odoo\","
                + " \"login\": \"admin\", \"apiKey\": \"" + key + "\", \"transport\": \"" + transport + "\","
                + " \"oauthProviderId\": " + OdooSimulator.OAUTH_PROVIDER_ID + ", \"maxAttempts\": " + maxAttempts + "}", token());
        assertEquals(200, saved.status(), saved.toString());
        if (!key.startsWith("${vault.")) {
            assertFalse(saved.body().contains(key), "the key is never returned");
        }
    }

    /** Waits for the Odoo worker; on a time-out the message shows what the simulator holds. */
    static void await(String what, BooleanSupplier condition) {
        try {
            Await.until(what, condition);
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; Odoo users: " + odoo.users(), timedOut);
        }
    }

    static Map<String, Object> inOdoo(String userId) {
        return odoo.findUserByOauthUid(userId);
    }

    static long copies(String userId) {
        return odoo.users().stream().filter(u -> userId.equals(u.get("oauth_uid"))).count();
    }

    Map<String, Object> status() {
        return api.get("odoo/status", token()).json();
    }

    UserRepresentation person(String username, String email, String first, String infix, String last) {
        UserRepresentation rep = Users.person(username, email, first, last);
        rep.setAttributes(infix == null
                ? Users.attributes("phone", "+31 20 555 0101", "jobTitle", "Inkoper", "title", "mr")
                : Users.attributes("infix", infix, "phone", "+31 20 555 0101", "jobTitle", "Inkoper", "title", "mr"));
        return rep;
    }

    /** The reason of a user's dead letter, or null while it has none. */
    String deadReason(String userId) {
        List<?> items = (List<?>) api.get("odoo/dead-letters?max=500", token()).json().get("items");
        return items.stream().map(i -> (Map<?, ?>) i).filter(i -> userId.equals(i.get("userId")))
                .map(i -> String.valueOf(i.get("reason"))).findFirst().orElse(null);
    }

    String deadLetterId(String userId) {
        List<?> items = (List<?>) api.get("odoo/dead-letters?max=500", token()).json().get("items");
        return items.stream().map(i -> (Map<?, ?>) i).filter(i -> userId.equals(i.get("userId")))
                .map(i -> String.valueOf(i.get("id"))).findFirst().orElseThrow();
    }
}
