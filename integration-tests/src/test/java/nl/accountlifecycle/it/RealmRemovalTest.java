package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.persistence.EntityManager;
import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Await;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.TestOdoo;
import nl.accountlifecycle.it.support.Users;
import nl.accountlifecycle.odoosim.OdooSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;
import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given a realm with rows in the bundle's tables")
class RealmRemovalTest {

    /** The bundle's tables, by JPA entity name, each with a realmId. */
    static final List<String> TABLES = List.of("OutboxEntity", "SyncStateEntity", "OdooSecretEntity", "PasswordReminderEntity",
            "TargetEntity", "ChangeEntity", "DeliveryEntity");
    static final String PASSWORD = "Weg2026abcdef";
    static OdooSimulator odoo;

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm demo;

    @InjectAdminClient
    Keycloak admin;

    /** Reads the tables inside the server: no endpoint shows the rows of a realm that no longer exists. */
    @InjectRunOnServer
    RunOnServerClient server;

    @BeforeAll
    static void startOdoo() throws Exception {
        odoo = TestOdoo.start();
    }

    @AfterAll
    static void stopOdoo() {
        odoo.close();
    }

    private String rowsOf(String realmId) {
        List<String> tables = TABLES;
        return server.fetch((FetchOnServer) session -> {
            EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
            List<String> counts = new ArrayList<>();
            for (String entity : tables) {
                counts.add(entity + "=" + em.createQuery("select count(e) from " + entity + " e where e.realmId = :realm", Long.class)
                        .setParameter("realm", realmId).getSingleResult());
            }
            return String.join(",", counts);
        }, String.class);
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, condition);
    }

    @Test
    @DisplayName("then deleting the realm deletes its rows in every table of the bundle, and leaves other realms' rows")
    void realmRemovalDeletesItsRows() throws Exception {
        String name = "al-removal-" + UUID.randomUUID().toString().substring(0, 8);
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(name);
        rep.setEnabled(true);
        rep.setEventsListeners(List.of("jboss-logging", "account-lifecycle"));
        admin.realms().create(rep);
        String realmId = admin.realm(name).toRepresentation().getId();
        String base = demo.getBaseUrl();
        AdminApi api = new AdminApi(base.substring(0, base.indexOf("/realms/")), name);
        String token = admin.tokenManager().getAccessTokenString();

        // Odoo: a key, a delivery (sync state), and a dead letter while Odoo is down
        AdminApi.Reply saved = api.put("odoo/config", "{\"enabled\": true, \"url\": \"" + odoo.baseUrl() + "\", \"database\": \"odoo\","
                + " \"login\": \"admin\", \"apiKey\": \"sim-api-key\", \"transport\": \"json2\", \"maxAttempts\": 1}", token);
        assertEquals(200, saved.status(), saved.toString());
        // a webhook target nobody answers at, so its message becomes a dead letter
        AdminApi.Reply target = api.post("targets", "{\"name\": \"gone\", \"kind\": \"webhook\", \"url\": \"http://127.0.0.1:1/hook\","
                + " \"maxAttempts\": 1}", token);
        assertEquals(201, target.status(), target.toString());
        String delivered = Users.createActive(admin.realm(name), Users.person("weg.een", "weg.een@example.org", "Wim", "Weg"), PASSWORD, List.of());
        await("delivered", () -> odoo.findUserByOauthUid(delivered) != null);
        odoo.setDown(true);
        try {
            Users.createActive(admin.realm(name), Users.person("weg.twee", "weg.twee@example.org", "Wanda", "Weg"), PASSWORD, List.of());
            await("a dead letter", () -> ((Number) api.get("odoo/status", token).json().get("dead")).intValue() > 0);
        } finally {
            odoo.setDown(false);
        }
        // a password reminder sent, as the reminder scan records it
        server.run((RunOnServer) session -> session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("insert into AL_PASSWORD_REMINDER (ID, REALM_ID, USER_ID, PASSWORD_CREATED, THRESHOLD_DAYS, SENT_AT)"
                        + " values (?1, ?2, ?3, 1, 7, 1)")
                .setParameter(1, delivered + ":1:7").setParameter(2, realmId).setParameter(3, delivered).executeUpdate());
        await("a webhook dead letter", () -> ((Number) api.get("targets/" + target.json().get("id") + "/status", token).json().get("dead")).intValue() > 0);
        String before = rowsOf(realmId);
        for (String entity : TABLES.stream().filter(t -> !t.equals("ChangeEntity")).toList()) {
            assertTrue(!before.contains(entity + "=0"), "rows made in every table first: " + before);
        }
        String demoBefore = rowsOf(demo.getId());

        // the workers fan a change out within a second, so one is added in the transaction that removes the realm
        String changesBefore = server.fetch((FetchOnServer) session -> {
            EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
            em.createNativeQuery("insert into AL_TARGET_CHANGE (ID, REALM_ID, USER_ID, CHANGE_KIND, CREATED_AT) values (?1, ?2, ?3, 'updated', 1)")
                    .setParameter(1, UUID.randomUUID().toString()).setParameter(2, realmId).setParameter(3, delivered).executeUpdate();
            Long changes = em.createQuery("select count(e) from ChangeEntity e where e.realmId = :realm", Long.class)
                    .setParameter("realm", realmId).getSingleResult();
            session.realms().removeRealm(realmId);
            return "ChangeEntity=" + changes;
        }, String.class);
        assertEquals("ChangeEntity=1", changesBefore);

        assertEquals("OutboxEntity=0,SyncStateEntity=0,OdooSecretEntity=0,PasswordReminderEntity=0,"
                + "TargetEntity=0,ChangeEntity=0,DeliveryEntity=0", rowsOf(realmId));
        assertEquals(demoBefore, rowsOf(demo.getId()), "another realm's rows stay");
    }
}
