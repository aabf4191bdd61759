package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given passwords that expire under the realm's 90-day policy")
class PasswordReminderTest {

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
    void setUp() {
        api = AdminApi.forRealm(realm);
    }

    /** A token issued at the server's (moved) time. */
    private String token() {
        return admin.tokenManager().grantToken().getToken();
    }

    /** One scan of this realm: 202 with the due users found and the mails queued; the mails follow on a worker. */
    private Map<String, Object> runScan() {
        AdminApi.Reply reply = api.post("password-reminders/run", null, token());
        assertEquals(202, reply.status(), reply.toString());
        return reply.json();
    }

    private static int queued(Map<String, Object> run) {
        return ((Number) run.get("queued")).intValue();
    }

    @Test
    @DisplayName("then each threshold mails once, a new password starts afresh, and disabled or unactivated users get nothing")
    void remindersOncePerThreshold() {
        Users.createActive(realm.admin(), Users.person("remind.me", "remind.me@example.org", "Rik", "Herinner"), PASSWORD, List.of());
        String off = Users.createActive(realm.admin(), Users.person("remind.off", "remind.off@example.org", "Olaf", "Uit"), PASSWORD, List.of());
        UserRepresentation disabled = realm.admin().users().get(off).toRepresentation();
        disabled.setEnabled(false);
        realm.admin().users().get(off).update(disabled);
        String invitedId = (String) api.post("invitations", "{\"email\":\"remind.pending@example.org\",\"firstName\":\"Pia\",\"lastName\":\"Wacht\"}",
                token()).json().get("userId");
        setPassword(invitedId, PASSWORD); // has a password, but never activated
        String noName = Users.createActive(realm.admin(), Users.person("remind.noname", "remind.noname@example.org", "Nn", "Naamloos"), PASSWORD, List.of());
        UserRepresentation anonymous = realm.admin().users().get(noName).toRepresentation();
        anonymous.setFirstName("");
        anonymous.singleAttribute("locale", "xx");
        try {
            realm.admin().users().get(noName).update(anonymous);
        } catch (RuntimeException refusedByProfile) {
            // the profile requires a first name; the malformed locale is what remains to test
        }

        clock.set(80 * DAY); // 10 days left: the 14-day reminder is due
        Map<String, Object> first = runScan();
        assertTrue(queued(first) >= 2, first.toString());
        assertTrue(((Number) first.get("skipped")).intValue() >= 1, "the unactivated user is skipped: " + first);
        Mails.Mail reminder = Mails.nth(mail, "remind.me@example.org", 1);
        assertTrue(reminder.subject().startsWith(ThemeMessages.rendered(ThemeMessages.email("nl"),
                "accountLifecycle.password.reminder.subject").replace("{0}", "")), reminder.subject());
        assertTrue(reminder.text().contains(ThemeMessages.rendered(ThemeMessages.email("nl"), "accountLifecycle.password.reminder.signIn")),
                "without a frontend URL or --hostname the mail asks to sign in, and links to no host taken from a request:\n" + reminder.text());
        assertFalse(reminder.text().contains("/account/"), reminder.text());
        Mails.nth(mail, "remind.noname@example.org", 1);

        assertEquals(0, queued(runScan()), "a second run sends nothing new");
        assertEquals(1, Mails.to(mail, "remind.me@example.org").size());

        clock.set(84 * DAY); // 6 days left: the 7-day reminder
        runScan();
        Mails.nth(mail, "remind.me@example.org", 2);

        setPassword(realm.admin().users().search("remind.me@example.org", true).get(0).getId(), "Winter2026abc");
        clock.set(88 * DAY); // the old password would have 2 days left; the new one has 86
        runScan();
        assertEquals(2, Mails.to(mail, "remind.me@example.org").size(), "no reminder after the password changed");

        assertTrue(Mails.to(mail, "remind.off@example.org").isEmpty(), "disabled users get nothing");
        assertTrue(Mails.to(mail, "remind.pending@example.org").stream().noneMatch(m -> m.subject().contains("verloopt")),
                "unactivated users get no reminder");
    }

    @Test
    @DisplayName("then two scans started at once still send one mail")
    void parallelScansSendOnce() throws Exception {
        Users.createActive(realm.admin(), Users.person("race", "race@example.org", "Ruud", "Race"), PASSWORD, List.of());
        clock.set(80 * DAY);
        String token = token();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<AdminApi.Reply>> runs = List.of(
                () -> api.post("password-reminders/run", null, token),
                () -> api.post("password-reminders/run", null, token));
        List<Integer> statuses = new ArrayList<>();
        for (Future<AdminApi.Reply> result : pool.invokeAll(runs)) {
            statuses.add(result.get().status());
        }
        pool.shutdown();

        assertTrue(statuses.stream().allMatch(s -> s == 202 || s == 409), statuses.toString());
        Mails.nth(mail, "race@example.org", 1);
        Thread.sleep(1000);
        assertEquals(1, Mails.to(mail, "race@example.org").size(), "one mail, whatever the order of the runs");
    }

    @Test
    @DisplayName("then after 90 days the login forces a new password, on the page with the checklist")
    void expiryForcesUpdate() {
        Users.createActive(realm.admin(), Users.person("expired.pw", "expired.pw@example.org", "Eva", "Verlopen"), PASSWORD, List.of());
        clock.set(91 * DAY);

        nl.accountlifecycle.it.support.Browser browser = new nl.accountlifecycle.it.support.Browser();
        var login = browser.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/", Map.of());
        var update = browser.submit(login, Map.of("username", "expired.pw@example.org", "password", PASSWORD));
        assertTrue(update.html().contains("kc-passwd-update-form") && update.html().contains("id=\"al-password-rules\""), update.html());
        var reused = browser.submit(update, Map.of("password-new", PASSWORD, "password-confirm", PASSWORD));
        assertTrue(reused.text().contains(ThemeMessages.rendered(ThemeMessages.login("nl"), "invalidPasswordHistoryMessage").replace("{0}", "5")),
                "the old password is refused by the history rule:\n" + reused.html());
        var done = browser.submit(reused, Map.of("password-new", "Lente2027abc", "password-confirm", "Lente2027abc"));
        assertTrue(done.location() != null && done.location().contains("code="), done.html());
    }

    @Test
    @DisplayName("then the reminder days are configured through the API and a value the scan cannot use is refused")
    void reminderDaysConfig() {
        String token = token();
        assertEquals(List.of(14, 7, 1), api.get("password-reminders/config", token).json().get("reminderDays"));
        for (String bad : List.of("[0]", "[-3]", "[90]", "[\"soon\"]", "[]")) {
            AdminApi.Reply refused = api.put("password-reminders/config", "{\"reminderDays\":" + bad + "}", token);
            assertEquals(400, refused.status(), bad + " " + refused);
            assertEquals("reminderDays", refused.json().get("field"));
        }
        AdminApi.Reply saved = api.put("password-reminders/config", "{\"reminderDays\":[30,3]}", token);
        assertEquals(200, saved.status(), saved.toString());
        assertEquals(List.of(30, 3), api.get("password-reminders/config", token).json().get("reminderDays"));
        assertEquals("30,3", realm.admin().toRepresentation().getAttributes().get("accountLifecycle.password.reminderDays"));
        assertEquals(List.of(14, 7, 1), api.put("password-reminders/config", "{\"reminderDays\":[14,7,1]}", token).json().get("reminderDays"));
    }

    @Test
    @DisplayName("then a reminder that could not be sent is sent by the next scan, not lost")
    void failedSendRetried() {
        Users.createActive(realm.admin(), Users.person("retry.me", "retry.me@example.org", "Rob", "Opnieuw"), PASSWORD, List.of());
        clock.set(80 * DAY);
        var rep = realm.admin().toRepresentation();
        Map<String, String> smtp = new java.util.HashMap<>(rep.getSmtpServer());
        rep.getSmtpServer().put("port", "1"); // nothing listens there
        realm.admin().update(rep);

        Map<String, Object> failed = runScan();
        assertTrue(queued(failed) >= 1, failed.toString());
        // the send fails on the worker and takes its record back, so a later scan finds the user due again
        long deadline = System.currentTimeMillis() + 20_000;
        int again = 0;
        while (again == 0 && System.currentTimeMillis() < deadline) {
            sleep(200);
            again = queued(runScan());
        }
        assertTrue(again >= 1, "the failed reminder is due again, not recorded as sent");

        rep.setSmtpServer(smtp);
        realm.admin().update(rep);
        deadline = System.currentTimeMillis() + 20_000;
        while (Mails.to(mail, "retry.me@example.org").isEmpty() && System.currentTimeMillis() < deadline) {
            runScan();
            sleep(500);
        }
        Mails.nth(mail, "retry.me@example.org", 1);
    }

    @Test
    @DisplayName("then a run started in another realm with a forged Host header mails nobody here, and links never take that host")
    void runStaysInItsRealmAndLinksIgnoreTheRequestHost() {
        Users.createActive(realm.admin(), Users.person("scoped", "scoped@example.org", "Sam", "Scoped"), PASSWORD, List.of());
        String other = "other-" + Long.toHexString(System.nanoTime());
        org.keycloak.representations.idm.RealmRepresentation otherRep = new org.keycloak.representations.idm.RealmRepresentation();
        otherRep.setRealm(other);
        otherRep.setEnabled(true);
        otherRep.setPasswordPolicy("forceExpiredPasswordChange(90)");
        admin.realms().create(otherRep);
        try {
            clock.set(80 * DAY);
            String serverUrl = realm.getBaseUrl().substring(0, realm.getBaseUrl().indexOf("/realms/"));
            AdminApi otherApi = new AdminApi(serverUrl, other);
            // the attacker's token is issued through the same forged host, so Keycloak's issuer check lets the call in
            String evilToken = otherApi.passwordGrantWithHost("master", org.keycloak.testframework.config.Config.getAdminUsername(),
                    org.keycloak.testframework.config.Config.getAdminPassword(), "evil.example");
            AdminApi.Reply foreign = otherApi.postWithHost("password-reminders/run", null, evilToken, "evil.example");
            assertEquals(202, foreign.status(), foreign.toString());
            assertEquals(0, queued(foreign.json()), "the other realm's run finds no user of this realm: " + foreign);

            var rep = realm.admin().toRepresentation();
            rep.getAttributes().put("frontendUrl", "https://id.example.org");
            realm.admin().update(rep);
            AdminApi.Reply own = api.postWithHost("password-reminders/run", null,
                    api.passwordGrantWithHost("master", org.keycloak.testframework.config.Config.getAdminUsername(),
                    org.keycloak.testframework.config.Config.getAdminPassword(), "evil.example"), "evil.example");
            assertTrue(queued(own.json()) >= 1, own.toString());
            Mails.Mail reminder = Mails.nth(mail, "scoped@example.org", 1);
            assertFalse(reminder.text().contains("evil.example")
                    || (reminder.html() != null && reminder.html().contains("evil.example")), reminder.text());
            assertTrue(reminder.text().contains("https://id.example.org/realms/" + realm.getName() + "/account/"), reminder.text());
        } finally {
            var rep = realm.admin().toRepresentation();
            rep.getAttributes().remove("frontendUrl");
            realm.admin().update(rep);
            admin.realms().realm(other).remove();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void setPassword(String userId, String value) {
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(value);
        password.setTemporary(false);
        realm.admin().users().get(userId).resetPassword(password);
    }
}
