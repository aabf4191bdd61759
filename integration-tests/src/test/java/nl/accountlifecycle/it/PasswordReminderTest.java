package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Await;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.config.Config;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given passwords that expire under the realm's 90-day policy, when the reminder scan runs")
class PasswordReminderTest extends PasswordReminderBase {

    final Properties email = ThemeMessages.email("nl");

    /** The start of the Dutch reminder subject, before the date. */
    private String subjectPrefix() {
        return ThemeMessages.rendered(email, "accountLifecycle.password.reminder.subject").replace("{0}", "");
    }

    /** The demo realm requires a first name; users from before that rule, or from elsewhere, may have none. */
    private void allowUsersWithoutFirstName() {
        UPConfig original = realm.admin().users().userProfile().getConfiguration();
        realm.cleanup().add(r -> r.users().userProfile().update(original));
        UPConfig relaxed = realm.admin().users().userProfile().getConfiguration();
        relaxed.getAttribute("firstName").setRequired(null);
        realm.admin().users().userProfile().update(relaxed);
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

        clock.set(80 * DAY); // 10 days left: the 14-day reminder is due
        Map<String, Object> first = runScan();
        assertTrue(queued(first) >= 1, first.toString());
        assertTrue(((Number) first.get("skipped")).intValue() >= 1, "the unactivated user is skipped: " + first);
        Mails.Mail reminder = Mails.nth(mail, "remind.me@example.org", 1);
        assertTrue(reminder.subject().startsWith(subjectPrefix()), reminder.subject());
        assertTrue(reminder.text().contains(ThemeMessages.rendered(email, "accountLifecycle.password.reminder.signIn")),
                "without a frontend URL or --hostname the mail asks to sign in, and links to no host taken from a request:\n" + reminder.text());
        assertFalse(reminder.text().contains("/account/"), reminder.text());

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
        assertTrue(Mails.to(mail, "remind.pending@example.org").stream().noneMatch(m -> m.subject().startsWith(subjectPrefix())),
                "unactivated users get no reminder");
    }

    @Test
    @DisplayName("then a user without a first name is greeted without one, and a user with an unknown language gets the realm's language")
    void unusualUsersStillReminded() {
        allowUsersWithoutFirstName();
        String noName = Users.createActive(realm.admin(), Users.person("remind.noname", "remind.noname@example.org", null, "Naamloos"),
                PASSWORD, List.of());
        assertEquals(null, realm.admin().users().get(noName).toRepresentation().getFirstName(), "the user really has no first name");
        UserRepresentation unknownLanguage = Users.person("remind.xx", "remind.xx@example.org", "Xander", "Onbekend");
        unknownLanguage.setAttributes(Users.attributes("locale", "xx"));
        String xx = Users.createActive(realm.admin(), unknownLanguage, PASSWORD, List.of());
        assertEquals(List.of("xx"), realm.admin().users().get(xx).toRepresentation().getAttributes().get("locale"),
                "the user really has the malformed locale");

        clock.set(80 * DAY);
        Map<String, Object> run = runScan();
        assertTrue(queued(run) >= 2, run.toString());

        Mails.Mail anonymous = Mails.nth(mail, "remind.noname@example.org", 1);
        assertTrue(anonymous.subject().startsWith(subjectPrefix()), anonymous.subject());
        assertTrue(anonymous.text().contains(ThemeMessages.rendered(email, "accountLifecycle.email.greetingNoName")), anonymous.text());
        Mails.Mail fallback = Mails.nth(mail, "remind.xx@example.org", 1);
        assertTrue(fallback.subject().startsWith(subjectPrefix()), "in the realm's default language, Dutch: " + fallback.subject());
        assertTrue(fallback.text().contains(ThemeMessages.rendered(email, "accountLifecycle.email.greeting").replace("{0}", "Xander")),
                fallback.text());
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
        Await.quietPeriod(Duration.ofSeconds(1));
        assertEquals(1, Mails.to(mail, "race@example.org").size(), "one mail, whatever the order of the runs");
    }

    @Test
    @DisplayName("then a reminder that could not be sent is sent by the next scan, not lost")
    void failedSendRetried() {
        Users.createActive(realm.admin(), Users.person("retry.me", "retry.me@example.org", "Rob", "Opnieuw"), PASSWORD, List.of());
        clock.set(80 * DAY);
        var rep = realm.admin().toRepresentation();
        Map<String, String> smtp = new HashMap<>(rep.getSmtpServer());
        realm.cleanup().add(r -> {
            var restored = r.toRepresentation();
            restored.setSmtpServer(smtp);
            r.update(restored);
        });
        rep.getSmtpServer().put("port", "1"); // nothing listens there
        realm.admin().update(rep);

        Map<String, Object> failed = runScan();
        assertTrue(queued(failed) >= 1, failed.toString());
        // the send fails on the worker and takes its record back, so a later scan finds the user due again
        Await.until("the failed reminder is due again, not recorded as sent", Duration.ofSeconds(20), () -> queued(runScan()) >= 1);

        rep.setSmtpServer(smtp);
        realm.admin().update(rep);
        Await.until("a scan sends the reminder once mail works again", Duration.ofSeconds(20), () -> {
            runScan();
            return !Mails.to(mail, "retry.me@example.org").isEmpty();
        });
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
        realm.cleanup().add(r -> admin.realms().realm(other).remove());
        realm.updateWithCleanup(r -> r.attribute("frontendUrl", "https://id.example.org"));

        clock.set(80 * DAY);
        String serverUrl = realm.getBaseUrl().substring(0, realm.getBaseUrl().indexOf("/realms/"));
        AdminApi otherApi = new AdminApi(serverUrl, other);
        // the attacker's token is issued through the same forged host, so Keycloak's issuer check lets the call in
        String evilToken = otherApi.passwordGrantWithHost("master", Config.getAdminUsername(), Config.getAdminPassword(), "evil.example");
        AdminApi.Reply foreign = otherApi.postWithHost("password-reminders/run", null, evilToken, "evil.example");
        assertEquals(202, foreign.status(), foreign.toString());
        assertEquals(0, queued(foreign.json()), "the other realm's run finds no user of this realm: " + foreign);

        AdminApi.Reply own = api.postWithHost("password-reminders/run", null,
                api.passwordGrantWithHost("master", Config.getAdminUsername(), Config.getAdminPassword(), "evil.example"), "evil.example");
        assertTrue(queued(own.json()) >= 1, own.toString());
        Mails.Mail reminder = Mails.nth(mail, "scoped@example.org", 1);
        assertFalse(reminder.text().contains("evil.example")
                || (reminder.html() != null && reminder.html().contains("evil.example")), reminder.text());
        assertTrue(reminder.text().contains("https://id.example.org/realms/" + realm.getName() + "/account/"), reminder.text());
    }
}
