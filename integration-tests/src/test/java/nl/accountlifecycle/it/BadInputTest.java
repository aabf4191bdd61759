package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
import org.keycloak.util.JsonSerialization;

/**
 * Issue #10, item 8: bad input to every field of every endpoint of the bundle's admin API is a 4xx with the JSON
 * error body {@code {error, field, message}}, never a 5xx, and a refused write leaves nothing behind.
 */
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given bad input to the admin API")
class BadInputTest {

    static final String PASSWORD = "Invoer2026abc";
    /** 315 characters, as in the review that got a 500 from email-change (the column holds 255). */
    static final String LONG_EMAIL = "a".repeat(64) + "@" + ("b".repeat(63) + ".").repeat(3) + "c".repeat(46) + ".example.org";
    static final String USER = "{user}";

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

    record Row(String name, String method, String path, String body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String json(Map<String, Object> body) {
        try {
            return JsonSerialization.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> invitation(int n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", "bad.input" + n + "@example.org");
        body.put("firstName", "Bea");
        body.put("lastName", "Fout");
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        if (value == REMOVE) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }

    static final Object REMOVE = new Object();

    /** Bad values for each field of the invitation body; each row also becomes a row for the resend body where it applies. */
    static List<Object[]> invitationFields() {
        List<Object> fiftyOne = new ArrayList<>(Collections.nCopies(51, "users"));
        return List.of(
                new Object[] {"email", REMOVE}, new Object[] {"email", 42}, new Object[] {"email", "not-an-email"},
                new Object[] {"email", LONG_EMAIL}, new Object[] {"email", "two words@example.org"},
                new Object[] {"email", List.of("a@example.org")},
                new Object[] {"firstName", REMOVE}, new Object[] {"firstName", true}, new Object[] {"firstName", "F".repeat(101)},
                new Object[] {"lastName", REMOVE}, new Object[] {"lastName", Map.of()}, new Object[] {"lastName", "L".repeat(300)},
                new Object[] {"infix", "van van van van van van van van van"}, new Object[] {"infix", 1},
                new Object[] {"title", "king"}, new Object[] {"title", List.of()},
                new Object[] {"phone", "bel me"}, new Object[] {"phone", "1".repeat(400)},
                new Object[] {"mobile", "<script>"}, new Object[] {"jobTitle", "<b>baas</b>"}, new Object[] {"jobTitle", "J".repeat(300)},
                new Object[] {"locale", "fr"}, new Object[] {"locale", 7},
                new Object[] {"username", "u".repeat(300)}, new Object[] {"username", 12}, new Object[] {"username", "x"},
                new Object[] {"groups", "users"}, new Object[] {"groups", List.of(1, 2)}, new Object[] {"groups", fiftyOne},
                new Object[] {"groups", List.of("no-such-group")},
                new Object[] {"subject", "Hallo\nBcc: x@example.org"}, new Object[] {"subject", "S".repeat(201)},
                new Object[] {"subject", 3}, new Object[] {"subject", "=?UTF-8?B?QmNjOiB4QGV2aWwuZXhhbXBsZQ==?="},
                new Object[] {"message", "M".repeat(5001)}, new Object[] {"message", List.of("m")},
                new Object[] {"lifespan", -1}, new Object[] {"lifespan", 0}, new Object[] {"lifespan", 1.5},
                new Object[] {"lifespan", "3600"}, new Object[] {"lifespan", 1e300}, new Object[] {"lifespan", 99999999},
                new Object[] {"clientId", "no-such-client"}, new Object[] {"clientId", 5},
                new Object[] {"redirectUri", "https://evil.example/"}, new Object[] {"redirectUri", "javascript:alert(1)"},
                new Object[] {"redirectUri", false});
    }

    static final List<String> RESEND_FIELDS = List.of("subject", "message", "lifespan", "clientId", "redirectUri");

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (Object[] bad : invitationFields()) {
            String field = (String) bad[0];
            String label = bad[1] == REMOVE ? "missing" : String.valueOf(bad[1]);
            label = label.length() > 40 ? label.substring(0, 20) + "… (" + label.length() + " chars)" : label;
            rows.add(new Row("invite " + field + " = " + label, "POST", "invitations", json(with(invitation(n++), field, bad[1])), 400, field));
            if (RESEND_FIELDS.contains(field)) {
                rows.add(new Row("resend " + field + " = " + label, "POST", "invitations/" + USER + "/resend",
                        json(with(Map.of(), field, bad[1])), 400, field));
            }
        }
        for (String body : List.of("", "{not json", "[]", "null", "\"text\"", "42")) {
            rows.add(new Row("invite body " + (body.isEmpty() ? "(empty)" : body), "POST", "invitations", body, 400, null));
            rows.add(new Row("email-change body " + (body.isEmpty() ? "(empty)" : body), "POST", "users/" + USER + "/email-change", body, 400, null));
        }
        for (String body : List.of("{not json", "[]", "42")) {
            rows.add(new Row("resend body " + body, "POST", "invitations/" + USER + "/resend", body, 400, null));
        }
        Map<String, Object> change = new LinkedHashMap<>(Map.of("email", "bad.input.new@example.org", "mode", "confirm"));
        for (Object[] bad : List.of(new Object[] {"email", REMOVE}, new Object[] {"email", 1}, new Object[] {"email", ""},
                new Object[] {"email", "no-at-sign"}, new Object[] {"email", LONG_EMAIL}, new Object[] {"email", "a b@example.org"},
                new Object[] {"email", "bad.input.target@example.org"}, new Object[] {"email", Map.of("x", 1)},
                new Object[] {"mode", REMOVE}, new Object[] {"mode", "later"}, new Object[] {"mode", 2})) {
            rows.add(new Row("email-change " + bad[0] + " = " + (bad[1] == REMOVE ? "missing" : String.valueOf(bad[1]).length() > 40
                    ? "(" + String.valueOf(bad[1]).length() + " chars)" : bad[1]),
                    "POST", "users/" + USER + "/email-change", json(with(change, (String) bad[0], bad[1])), 400, (String) bad[0]));
        }
        for (String query : List.of("status=sleeping", "status=none", "first=-1", "first=abc", "max=0", "max=501", "max=1e3")) {
            rows.add(new Row("list " + query, "GET", "invitations?" + query, null, 400, query.substring(0, query.indexOf('='))));
        }
        for (String query : List.of("email=short", "email=" + "e".repeat(300), "email=example.org&first=20",
                "email=example.org&first=x", "email=example.org&max=0", "email=example.org&max=21", "email=example.org&max=many")) {
            String field = query.contains("&") ? query.substring(query.indexOf('&') + 1, query.lastIndexOf('=')) : "email";
            rows.add(new Row("search " + (query.length() > 40 ? "email=(300 chars)" : query), "GET", "users?" + query, null, 400, field));
        }
        rows.add(new Row("status of an unknown user", "GET", "users/00000000-0000-0000-0000-000000000000", null, 404, null));
        rows.add(new Row("status of a 300-character id", "GET", "users/" + "i".repeat(300), null, 404, null));
        rows.add(new Row("resend to an unknown user", "POST", "invitations/nobody/resend", "{}", 404, null));
        rows.add(new Row("email-change of an unknown user", "POST", "users/nobody/email-change",
                "{\"email\":\"x@example.org\",\"mode\":\"confirm\"}", 404, null));
        rows.add(new Row("cancel with nothing pending", "DELETE", "users/" + USER + "/email-change", null, 404, null));
        return rows.stream();
    }

    /** The other capabilities' endpoints: Odoo sync and password expiry. */
    static Stream<Row> otherRows() {
        List<Row> rows = new ArrayList<>();
        for (Object[] bad : List.of(new Object[] {"url", "ftp://odoo.example"}, new Object[] {"url", 5},
                new Object[] {"transport", "smtp"}, new Object[] {"groupMap", "admins"}, new Object[] {"groupMap", Map.of("users", List.of(-1))})) {
            rows.add(new Row("odoo config " + bad[0] + " = " + bad[1], "PUT", "odoo/config", json(Map.of((String) bad[0], bad[1])), 400, (String) bad[0]));
        }
        rows.add(new Row("odoo config body {not json", "PUT", "odoo/config", "{not json", 400, null));
        for (String query : List.of("first=-1", "max=0", "first=abc", "max=many")) {
            rows.add(new Row("odoo dead-letters " + query, "GET", "odoo/dead-letters?" + query, null, 400, query.substring(0, query.indexOf('='))));
        }
        rows.add(new Row("odoo retry of an unknown row", "POST", "odoo/retry?id=nope", null, 404, null));
        rows.add(new Row("odoo resync of an unknown user", "POST", "odoo/resync/users/nobody", null, 404, null));
        for (String query : List.of("withinDays=0", "withinDays=abc", "withinDays=7&first=-1", "withinDays=7&max=x")) {
            String field = query.contains("&") ? query.substring(query.indexOf('&') + 1, query.lastIndexOf('=')) : "withinDays";
            rows.add(new Row("password-expiry " + query, "GET", "password-expiry?" + query, null, 400, field));
        }
        for (String body : List.of("{\"reminderDays\":\"x\"}", "{\"reminderDays\":[0]}", "{\"reminderDays\":[99999]}", "{\"reminderDays\":[\"a\"]}")) {
            rows.add(new Row("password-reminders config " + body, "PUT", "password-reminders/config", body, 400, "reminderDays"));
        }
        rows.add(new Row("password-reminders config body []", "PUT", "password-reminders/config", "[]", 400, null));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherRows")
    @DisplayName("then the Odoo and password endpoints, too, answer each bad value with a JSON 4xx naming the field")
    void badInputToOtherCapabilities(Row row) {
        badInput(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    @DisplayName("then each bad value gets its 4xx with a JSON error naming the field, and no 5xx")
    void badInput(Row row) {
        String path = row.path().replace(USER, pendingUser());
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
