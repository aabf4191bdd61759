package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * Issue #12, item 7: {@code GET invitations} reads one page with a query instead of every invited user. What the
 * list answers stays as it was: counts by status (a link whose expiry passed counts as expired, also before the
 * expiry scan marked it), the total of the chosen status, and pages in username order that fit together.
 */
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given invitations in several states")
class InvitationListTest {

    static final String DOMAIN = "@list-test.example";
    static final List<String> NAMES = List.of("list.c", "list.a", "list.e", "list.b", "list.d");

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    @InjectTimeOffSet
    TimeOffSet clock;

    AdminApi api;

    @BeforeEach
    void setUp() {
        api = AdminApi.forRealm(realm);
    }

    @AfterEach
    void resetClock() {
        clock.set(0);
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    /** Invites the five users once; list.b gets a one-hour link, the others the realm's three days. */
    private Map<String, String> invited() {
        Map<String, String> ids = new HashMap<>();
        for (String name : NAMES) {
            String email = name + DOMAIN;
            var found = realm.admin().users().searchByEmail(email, true);
            if (!found.isEmpty()) {
                ids.put(name, found.get(0).getId());
                continue;
            }
            String lifespan = name.equals("list.b") ? ",\"lifespan\":3600" : "";
            AdminApi.Reply reply = api.post("invitations",
                    "{\"email\":\"" + email + "\",\"firstName\":\"Lijst\",\"lastName\":\"Test\"" + lifespan + "}", token());
            assertEquals(201, reply.status(), reply.toString());
            ids.put(name, (String) reply.json().get("userId"));
        }
        return ids;
    }

    private Map<String, Object> list(String query) {
        AdminApi.Reply reply = api.get("invitations" + query, token());
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("items");
    }

    private static List<Object> field(Map<String, Object> body, String name) {
        return items(body).stream().map(i -> i.get(name)).toList();
    }

    @Test
    @DisplayName("then the whole list is in username order, and the counts and the total agree with its items")
    void orderCountsAndTotal() {
        invited();
        Map<String, Object> all = list("?max=500");

        List<String> usernames = field(all, "username").stream().map(String.class::cast).toList();
        List<String> sorted = new ArrayList<>(usernames);
        sorted.sort(null);
        assertEquals(sorted, usernames);
        assertTrue(usernames.containsAll(NAMES.stream().map(n -> n + DOMAIN).toList()), usernames.toString());

        Map<String, Long> tally = new HashMap<>(Map.of("pending", 0L, "expired", 0L, "activated", 0L));
        field(all, "status").forEach(s -> tally.merge((String) s, 1L, Long::sum));
        Map<String, Long> counts = new HashMap<>();
        ((Map<?, ?>) all.get("counts")).forEach((k, v) -> counts.put((String) k, ((Number) v).longValue()));
        assertEquals(tally, counts);
        assertEquals((long) usernames.size(), ((Number) all.get("total")).longValue());
    }

    @Test
    @DisplayName("then, once a link's expiry has passed, the user is listed and counted as expired, not pending")
    void lapsedLinkIsExpired() {
        Map<String, String> ids = invited();
        long pendingBefore = ((Number) ((Map<?, ?>) list("").get("counts")).get("pending")).longValue();

        clock.set(2 * 3600);
        Map<String, Object> pending = list("?status=pending&max=500");
        Map<String, Object> expired = list("?status=expired&max=500");

        assertFalse(field(pending, "userId").contains(ids.get("list.b")), pending.toString());
        assertTrue(field(pending, "userId").contains(ids.get("list.a")), pending.toString());
        assertTrue(field(expired, "userId").contains(ids.get("list.b")), expired.toString());
        assertTrue(field(pending, "status").stream().allMatch("pending"::equals), pending.toString());
        assertTrue(field(expired, "status").stream().allMatch("expired"::equals), expired.toString());
        Map<?, ?> counts = (Map<?, ?>) pending.get("counts");
        assertEquals(pendingBefore - 1, ((Number) counts.get("pending")).longValue(), counts.toString());
        assertEquals(((Number) counts.get("pending")).longValue(), ((Number) pending.get("total")).longValue());
        assertEquals(((Number) counts.get("expired")).longValue(), ((Number) expired.get("total")).longValue());
    }

    @Test
    @DisplayName("then pages of two fit together into the whole list, and a page past the end is empty")
    void pagesFitTogether() {
        invited();
        Map<String, Object> whole = list("?status=pending&max=500");
        long total = ((Number) whole.get("total")).longValue();

        List<Object> paged = new ArrayList<>();
        for (int first = 0; first < total; first += 2) {
            Map<String, Object> page = list("?status=pending&first=" + first + "&max=2");
            assertEquals(total, ((Number) page.get("total")).longValue());
            assertEquals(first, ((Number) page.get("first")).intValue());
            assertTrue(items(page).size() <= 2);
            paged.addAll(field(page, "userId"));
        }
        assertEquals(field(whole, "userId"), paged);

        Map<String, Object> past = list("?status=pending&first=" + (total + 5) + "&max=2");
        assertEquals(List.of(), items(past));
        assertEquals(total, ((Number) past.get("total")).longValue());
    }

    @Test
    @DisplayName("then each item carries the user's details and activation dates as the per-user status does")
    void itemsMatchThePerUserStatus() {
        String id = invited().get("list.e");
        Map<String, Object> item = items(list("?status=pending&max=500")).stream()
                .filter(i -> id.equals(i.get("userId"))).findFirst().orElseThrow();
        Map<?, ?> status = (Map<?, ?>) api.get("users/" + id, token()).json().get("activation");

        assertEquals(status, item);
        assertEquals("Lijst", item.get("firstName"));
        assertEquals("list.e" + DOMAIN, item.get("email"));
    }
}
