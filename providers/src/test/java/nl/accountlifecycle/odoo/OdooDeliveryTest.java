package nl.accountlifecycle.odoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import nl.accountlifecycle.odoo.client.OdooClients;
import nl.accountlifecycle.odoo.client.OdooEndpoint;
import nl.accountlifecycle.odoo.client.OdooException;
import nl.accountlifecycle.odoosim.OdooSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The batch delivery against the loopback simulator: few round trips, idempotent, archived on delete. */
class OdooDeliveryTest {

    OdooSimulator sim;
    ExecutorService writers = Executors.newFixedThreadPool(4);
    OdooDelivery delivery;
    static final OdooSettings SETTINGS = OdooSettings.fromStrings(Map.of("oauthProviderId", "3"));

    @BeforeEach
    void start() throws Exception {
        sim = OdooSimulator.start(0);
        delivery = new OdooDelivery(OdooClients.open(new OdooEndpoint(URI.create(sim.baseUrl()), "odoo", "admin",
                "sim-api-key", OdooEndpoint.Transport.XMLRPC, Duration.ofSeconds(5))), writers, new OdooTitles());
    }

    @AfterEach
    void stop() {
        sim.close();
        writers.shutdownNow();
    }

    static UserSnapshot user(int i, String last, boolean enabled) {
        return new UserSnapshot("kc-" + i, false, "user" + i + "@example.org", "User", null, last, enabled,
                null, null, null, null, List.of());
    }

    @Test
    void newUsersAreCreatedInOneCallAndUpdatesAreIdempotent() {
        List<UserSnapshot> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            users.add(user(i, "First", true));
        }
        assertTrue(delivery.deliver(users, SETTINGS).isEmpty());
        assertEquals(1, sim.callCount("create"), "one create for the whole batch");
        assertEquals(11, sim.users().size());

        assertTrue(delivery.deliver(users, SETTINGS).isEmpty(), "the same state again");
        assertEquals(1, sim.callCount("create"), "no new users");
        assertEquals(11, sim.users().size(), "no duplicates");

        assertTrue(delivery.deliver(List.of(user(3, "Second", false)), SETTINGS).isEmpty());
        assertEquals("User Second", sim.findUserByOauthUid("kc-3").get("name"));
        assertEquals(false, sim.findUserByOauthUid("kc-3").get("active"));

        long writes = sim.callCount("write");
        assertTrue(delivery.deliver(List.of(UserSnapshot.deleted("kc-4"), UserSnapshot.deleted("kc-5"), UserSnapshot.deleted("kc-unknown")), SETTINGS).isEmpty());
        assertEquals(writes + 1, sim.callCount("write"), "one write archives all deleted users");
        assertEquals(false, sim.findUserByOauthUid("kc-4").get("active"));
        assertEquals(11, sim.users().size(), "archived, never deleted");
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(ints = {17, 19})
    void linkingNeverTakesOverAnAdministratorOrAnotherAccountsUser(int version) {
        sim.setVersion(version);
        delivery = new OdooDelivery(OdooClients.open(new OdooEndpoint(URI.create(sim.baseUrl()), "odoo", "admin",
                "sim-api-key", OdooEndpoint.Transport.XMLRPC, Duration.ofSeconds(5))), writers, new OdooTitles());
        int plain = sim.createUser("user1@example.org", "Plain", "user1@example.org");
        sim.createUser("user2@example.org", "Boss", "user2@example.org", List.of(OdooSimulator.GROUP_SYSTEM), null);
        sim.createUser("user3@example.org", "Rights", "user3@example.org", List.of(OdooSimulator.GROUP_ERP_MANAGER), null);
        sim.createUser("user4@example.org", "Taken", "user4@example.org", List.of(OdooSimulator.GROUP_USER), "other-account");
        OdooSettings linking = OdooSettings.fromStrings(Map.of("linkExisting", "true", "oauthProviderId", "3"));

        Map<String, OdooException> failures = delivery.deliver(List.of(user(1, "A", true), user(2, "B", true),
                user(3, "C", true), user(4, "D", true), user(5, "E", true)), linking);

        assertEquals(plain, ((Number) sim.findUserByOauthUid("kc-1").get("id")).intValue(), "a plain user is linked");
        assertEquals(Set.of("kc-2", "kc-3", "kc-4"), failures.keySet(), failures.toString());
        failures.values().forEach(e -> assertEquals(OdooException.Kind.REFUSED, e.kind()));
        assertTrue(failures.get("kc-2").getMessage().contains("administrator"), failures.get("kc-2").getMessage());
        assertTrue(failures.get("kc-3").getMessage().contains("administrator"), "base.group_erp_manager too");
        assertTrue(failures.get("kc-4").getMessage().contains("another account"), failures.get("kc-4").getMessage());
        assertEquals("Boss", byLogin("user2@example.org").get("name"), "untouched");
        assertEquals(false, byLogin("user2@example.org").get("oauth_uid"));
        assertEquals("other-account", byLogin("user4@example.org").get("oauth_uid"));
        assertTrue(sim.findUserByOauthUid("kc-5") != null, "the others are delivered");
    }

    private Map<String, Object> byLogin(String login) {
        return sim.users().stream().filter(u -> login.equals(u.get("login"))).findFirst().orElseThrow();
    }

    @Test
    void oneRefusedUserDoesNotHoldBackTheOthers() {
        sim.createUser("user2@example.org", "Someone", "user2@example.org");
        OdooSettings noLinking = OdooSettings.fromStrings(Map.of("linkExisting", "false"));
        OdooDelivery strict = delivery;
        UserSnapshot noEmail = new UserSnapshot("kc-x", false, null, "No", null, "Mail", true, null, null, null, null, List.of());
        Map<String, OdooException> failures = strict.deliver(List.of(user(1, "A", true), user(2, "B", true), noEmail, user(3, "C", true)), noLinking);
        assertEquals(2, failures.size(), failures.toString());
        assertEquals(OdooException.Kind.REFUSED, failures.get("kc-2").kind());
        assertTrue(failures.get("kc-2").getMessage().contains("linkExisting is off"), failures.get("kc-2").getMessage());
        assertEquals("Someone", sim.users().stream().filter(u -> "user2@example.org".equals(u.get("login"))).findFirst().orElseThrow().get("name"));
        assertTrue(failures.get("kc-x").getMessage().startsWith("the user has no email"));
        assertTrue(sim.findUserByOauthUid("kc-1") != null && sim.findUserByOauthUid("kc-3") != null);
    }

    @Test
    void aCallFailureFailsTheWholeBatchWithItsReason() throws Exception {
        sim.setDown(true);
        Map<String, OdooException> failures = delivery.deliver(List.of(user(1, "A", true), user(2, "B", true)), SETTINGS);
        assertEquals(2, failures.size());
        assertEquals(OdooException.Kind.UNAVAILABLE, failures.get("kc-1").kind());
    }

    @Test
    void aTitleModelThatCannotBeReadLeavesOutTheTitleNotTheUsers() {
        sim.setVersion(17);
        sim.setTitleModelMissing(true);
        UserSnapshot titled = new UserSnapshot("kc-t", false, "titled@example.org", "Tess", null, "Titel", true,
                null, null, null, "mr", List.of());
        Map<String, OdooException> failures = delivery.deliver(List.of(titled, user(2, "B", true)), SETTINGS);
        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals(false, sim.findUserByOauthUid("kc-t").get("title"), "delivered without a title");
        assertTrue(delivery.skippedFields().startsWith("title: res.partner.title cannot be read (validation: "),
                delivery.skippedFields());

        sim.setTitleModelMissing(false);
        assertTrue(delivery.deliver(List.of(titled), SETTINGS).isEmpty());
        assertEquals(false, sim.findUserByOauthUid("kc-t").get("title"), "not looked up again before the retry time");
    }
}
