package nl.accountlifecycle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.report.HygieneRules.Criteria;
import nl.accountlifecycle.report.HygieneRules.LoginSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Given the facts of one user")
class HygieneRulesTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Criteria WITH_EVENTS = new Criteria(NOW, 90, 90, LoginSource.EVENTS, true);

    static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    static UserFacts user(boolean enabled, String status, String expiresAt, Instant password, Instant login,
                          UserFacts.Target target) {
        return new UserFacts("id-1", "jan", "jan@example.org", enabled, daysAgo(400), status, expiresAt, password, login, target);
    }

    static List<HygieneKind> kinds(Criteria criteria, UserFacts user) {
        return new HygieneRules(criteria, id -> false).rows(user).stream().map(HygieneRow::kind).toList();
    }

    @Test
    @DisplayName("then a recent login, a fresh password and no outbox rows give no rows")
    void healthy() {
        assertEquals(List.of(), kinds(WITH_EVENTS, user(true, "activated", null, daysAgo(10), daysAgo(1), null)));
    }

    @Test
    @DisplayName("then a pending link is not activated yet and a lapsed one is expired, never also inactive")
    void invitations() {
        List<HygieneRow> pending = new HygieneRules(WITH_EVENTS, id -> false)
                .rows(user(true, "pending", "2026-12-03T12:00:00Z", null, null, null));
        assertEquals(List.of(HygieneKind.INVITATION_NOT_ACTIVATED), pending.stream().map(HygieneRow::kind).toList());
        assertTrue(pending.get(0).detail().contains("expires on 2026-12-03"), pending.get(0).detail());
        List<HygieneRow> lapsed = new HygieneRules(WITH_EVENTS, id -> false)
                .rows(user(true, "pending", "2026-11-01T12:00:00Z", null, null, null));
        assertTrue(lapsed.get(0).detail().contains("expired on 2026-11-01"), lapsed.get(0).detail());
        assertEquals(List.of(), kinds(WITH_EVENTS, user(false, "expired", "2026-11-01T12:00:00Z", null, null, null)),
                "a disabled account grants no access");
    }

    @Test
    @DisplayName("then a password exactly as old as the policy is expired, and none is when the policy has no expiry")
    void passwords() {
        assertEquals(List.of(HygieneKind.PASSWORD_EXPIRED),
                kinds(WITH_EVENTS, user(true, null, null, daysAgo(90), daysAgo(1), null)));
        assertEquals(List.of(), kinds(WITH_EVENTS, user(true, null, null, daysAgo(89), daysAgo(1), null)));
        assertEquals(List.of(), kinds(new Criteria(NOW, 90, 0, LoginSource.EVENTS, true),
                user(true, null, null, daysAgo(300), daysAgo(1), null)));
    }

    @Test
    @DisplayName("then inactivity counts from the newest of login, password and creation, and names the last login")
    void inactivity() {
        List<HygieneRow> rows = new HygieneRules(new Criteria(NOW, 30, 0, LoginSource.EVENTS, false), id -> false)
                .rows(user(true, "activated", null, daysAgo(200), daysAgo(45), null));
        assertEquals(List.of(HygieneKind.INACTIVE), rows.stream().map(HygieneRow::kind).toList());
        assertEquals("no login for 45 days; last login on 2026-10-17", rows.get(0).detail());
        assertEquals(List.of(), kinds(new Criteria(NOW, 30, 0, LoginSource.EVENTS, false),
                user(true, "activated", null, daysAgo(5), daysAgo(45), null)), "a password set 5 days ago is activity");
        assertEquals(List.of(HygieneKind.INACTIVE), kinds(new Criteria(NOW, 30, 0, LoginSource.EVENTS, false),
                user(true, null, null, null, null, null)), "no login in the store and created 400 days ago");
    }

    @Test
    @DisplayName("then without login events a live session keeps a user off the inactive list")
    void withoutLoginEvents() {
        Criteria none = new Criteria(NOW, 90, 0, LoginSource.NONE, false);
        UserFacts quiet = user(true, "activated", null, daysAgo(200), null, null);
        assertEquals(List.of(), new HygieneRules(none, id -> true).rows(quiet).stream().map(HygieneRow::kind).toList());
        List<HygieneRow> rows = new HygieneRules(none, id -> false).rows(quiet);
        assertEquals(List.of(HygieneKind.INACTIVE), rows.stream().map(HygieneRow::kind).toList());
        assertTrue(rows.get(0).detail().contains("keeps no login events"), rows.get(0).detail());
    }

    @Test
    @DisplayName("then an undelivered change makes a disabled user active in Odoo, and a failed one an active user drift")
    void targets() {
        UserFacts.Target waiting = new UserFacts.Target(false, 0, null, daysAgo(1));
        UserFacts.Target dead = new UserFacts.Target(true, 5, "refused: no email", daysAgo(3));
        assertEquals(List.of(HygieneKind.DISABLED_ACTIVE_IN_TARGET),
                kinds(WITH_EVENTS, user(false, "activated", null, daysAgo(10), daysAgo(1), waiting)));
        assertEquals(List.of(), kinds(WITH_EVENTS, user(true, "activated", null, daysAgo(10), daysAgo(1), waiting)),
                "a change on its way is no drift");
        List<HygieneRow> drift = new HygieneRules(WITH_EVENTS, id -> false)
                .rows(user(true, "activated", null, daysAgo(10), daysAgo(1), dead));
        assertEquals(List.of(HygieneKind.TARGET_DRIFT), drift.stream().map(HygieneRow::kind).toList());
        assertTrue(drift.get(0).detail().contains("gave up after 5 attempts") && drift.get(0).detail().contains("refused: no email"),
                drift.get(0).detail());
        assertEquals(List.of(), kinds(new Criteria(NOW, 90, 90, LoginSource.EVENTS, false),
                user(false, "activated", null, daysAgo(10), daysAgo(1), dead)), "no rows about a target that is off");
    }

    @Test
    @DisplayName("then a row maps to JSON and CSV with its repair: disable for access, resync for a target")
    void rowMapping() {
        HygieneRow row = new HygieneRow(HygieneKind.TARGET_DRIFT, "id-1", "=jan", "jan@example.org", "failed, twice");
        Map<String, Object> view = row.view("/admin/realms/demo/account-lifecycle/reports/hygiene/repair");
        assertEquals("target_drift", view.get("kind"));
        assertEquals(Map.of("action", "resync", "method", "POST",
                "url", "/admin/realms/demo/account-lifecycle/reports/hygiene/repair",
                "body", Map.of("userId", "id-1", "action", "resync")), view.get("repair"));
        assertEquals("target_drift,id-1,\"'=jan\",jan@example.org,\"failed, twice\",resync,POST,/r\r\n", row.csv("/r"));
        assertEquals(HygieneKind.Repair.DISABLE, HygieneKind.INACTIVE.repair());
        assertEquals(HygieneKind.Repair.DISABLE, HygieneKind.INVITATION_NOT_ACTIVATED.repair());
        assertEquals(HygieneKind.Repair.DISABLE, HygieneKind.PASSWORD_EXPIRED.repair());
        assertEquals(HygieneKind.Repair.RESYNC, HygieneKind.DISABLED_ACTIVE_IN_TARGET.repair());
    }
}
