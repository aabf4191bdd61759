package nl.accountlifecycle.it;

import static nl.accountlifecycle.it.BadInputRows.invitation;
import static nl.accountlifecycle.it.BadInputRows.json;
import static nl.accountlifecycle.it.BadInputRows.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Issue #10, item 8: bad input to every field of every endpoint of the bundle's admin API is a 4xx with the JSON
 * error body {@code {error, field, message}}, never a 5xx, and a refused write leaves nothing behind.
 */
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given bad input to the admin API")
class BadInputTest {

    static final String PASSWORD = "Invoer2026abc";

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

    /** An invited (pending) user to aim the per-user endpoints at; one per run of the table. */
    private String pendingUser() {
        List<org.keycloak.representations.idm.UserRepresentation> found = realm.admin().users().searchByEmail("bad.input.target@example.org", true);
        if (!found.isEmpty()) {
            return found.get(0).getId();
        }
        AdminApi.Reply reply = api.post("invitations",
                "{\"email\":\"bad.input.target@example.org\",\"firstName\":\"Bea\",\"lastName\":\"Doel\"}", token());
        assertEquals(201, reply.status(), reply.toString());
        return (String) reply.json().get("userId");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.accountlifecycle.it.BadInputRows#otherRows")
    @DisplayName("then the Odoo and password endpoints, too, answer each bad value with a JSON 4xx naming the field")
    void badInputToOtherCapabilities(BadInputRows.Row row) {
        badInput(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.accountlifecycle.it.BadInputRows#rows")
    @DisplayName("then each bad value gets its 4xx with a JSON error naming the field, and no 5xx")
    void badInput(BadInputRows.Row row) {
        String path = row.path().replace(BadInputRows.USER, pendingUser());
        int usersBefore = realm.admin().users().count();
        AdminApi.Reply reply = switch (row.method()) {
            case "GET" -> api.get(path, token());
            case "POST" -> api.post(path, row.body(), token());
            case "PUT" -> api.put(path, row.body(), token());
            case "DELETE" -> api.delete(path, token());
            default -> throw new IllegalArgumentException(row.method());
        };
        assertEquals(row.status(), reply.status(), reply.toString());
        Map<String, Object> error = reply.json();
        assertTrue(error.get("error") instanceof String, reply.toString());
        assertTrue(error.get("message") instanceof String, reply.toString());
        assertEquals(row.field(), error.get("field"), reply.toString());
        if (row.path().equals("invitations")) {
            assertEquals(usersBefore, realm.admin().users().count(), "a refused invitation creates no user");
        }
    }

    @Test
    @DisplayName("then a body over 64 KiB is refused with a JSON 413 on every endpoint that takes a body")
    void oversizedBody() {
        String huge = "{\"email\":\"big@example.org\",\"firstName\":\"B\",\"lastName\":\"G\",\"message\":\"" + "x".repeat(70_000) + "\"}";
        for (String path : List.of("invitations", "invitations/" + pendingUser() + "/resend", "users/" + pendingUser() + "/email-change")) {
            AdminApi.Reply reply = api.post(path, huge, token());
            assertEquals(413, reply.status(), path + ": " + reply.status());
            assertEquals("body_too_large", reply.json().get("error"), path);
        }
        assertEquals(0, realm.admin().users().search("big@example.org", 0, 10).size());
    }

    @Test
    @DisplayName("then a groups list of 50 is accepted and one of 200,000 is refused quickly with 400")
    void groupsCapped() {
        Map<String, Object> fifty = with(with(invitation(900), "email", "groups.cap@example.org"), "groups", Collections.nCopies(50, "users"));
        AdminApi.Reply accepted = api.post("invitations", json(fifty), token());
        assertEquals(201, accepted.status(), accepted.toString());
        String many = json(with(with(invitation(901), "email", "groups.many@example.org"), "groups", Collections.nCopies(200_000, "u")));
        AdminApi.Reply reply = api.post("invitations", many, token());
        assertTrue(reply.status() == 400 || reply.status() == 413, reply.toString());
        assertTrue(reply.json().get("error") instanceof String, reply.toString());
    }

    @Test
    @DisplayName("then two parallel invitations of one address give one 201 and one 409, never a 500, and one user")
    void parallelInvitationsOfOneAddress() throws Exception {
        for (int round = 0; round < 8; round++) {
            String body = json(with(invitation(700 + round), "email", "race.invite" + round + "@example.org"));
            String t = token();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<AdminApi.Reply>> replies = IntStream.range(0, 2)
                        .mapToObj(i -> pool.submit(() -> {
                            start.await();
                            return api.post("invitations", body, t);
                        })).toList();
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (var reply : replies) {
                    AdminApi.Reply r = reply.get();
                    statuses.add(r.status());
                    if (r.status() == 409) {
                        assertTrue(List.of("email", "username").contains(r.json().get("field")), r.toString());
                    }
                }
                Collections.sort(statuses);
                assertEquals(List.of(201, 409), statuses, "round " + round);
                assertEquals(1, realm.admin().users().search("race.invite" + round + "@example.org", 0, 10).size());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    @DisplayName("then two parallel immediate changes of two users to one address give one 200 and one 409, never a 500")
    void parallelChangesToOneAddress() throws Exception {
        for (int round = 0; round < 8; round++) {
            String a = Users.createActive(realm.admin(), Users.person("race.a" + round, "race.a" + round + "@example.org", "Ra", "Ce"), PASSWORD, List.of());
            String b = Users.createActive(realm.admin(), Users.person("race.b" + round, "race.b" + round + "@example.org", "Ra", "Ce"), PASSWORD, List.of());
            String body = "{\"email\":\"race.won" + round + "@example.org\",\"mode\":\"immediate\"}";
            String t = token();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<AdminApi.Reply>> replies = Stream.of(a, b)
                        .map(id -> pool.submit(() -> {
                            start.await();
                            return api.post("users/" + id + "/email-change", body, t);
                        })).toList();
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (var reply : replies) {
                    AdminApi.Reply r = reply.get();
                    statuses.add(r.status());
                    if (r.status() == 409) {
                        assertEquals("email", r.json().get("field"), r.toString());
                    }
                }
                Collections.sort(statuses);
                assertEquals(List.of(200, 409), statuses, "round " + round);
                long holders = IntStream.of(0, 1).mapToObj(i -> realm.admin().users().get(i == 0 ? a : b).toRepresentation().getEmail())
                        .filter(("race.won" + round + "@example.org")::equals).count();
                assertEquals(1, holders, "exactly one user has the address, the loser kept theirs");
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
