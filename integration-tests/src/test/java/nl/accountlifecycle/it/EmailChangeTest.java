package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import nl.accountlifecycle.it.support.Tokens;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given a user whose email address changes")
class EmailChangeTest {

    static final String PASSWORD = "Wissel2026abc";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    AdminApi api;
    Tokens tokens;
    final Properties login = ThemeMessages.login("nl");
    final Properties email = ThemeMessages.email("nl");

    @BeforeEach
    void setUp() {
        api = AdminApi.forRealm(realm);
        tokens = new Tokens(realm.getBaseUrl());
    }

    private String token() {
        return admin.tokenManager().getAccessTokenString();
    }

    private String msg(Properties messages, String key, String... params) {
        String text = ThemeMessages.rendered(messages, key);
        for (int i = 0; i < params.length; i++) {
            text = text.replace("{" + i + "}", params[i]);
        }
        return text;
    }

    private String active(String username, String address) {
        return Users.createActive(realm.admin(), Users.person(username, address, "Eva", "Wissel"), PASSWORD, List.of("/users"));
    }

    private UserRepresentation user(String id) {
        return realm.admin().users().get(id).toRepresentation();
    }

    private AdminApi.Reply change(String id, String address, String mode) {
        return api.post("users/" + id + "/email-change", "{\"email\":\"" + address + "\",\"mode\":\"" + mode + "\"}", token());
    }

    /** Asserts the notice to the old address: subject, masked new address, support contact, and nothing else leaked. */
    private Mails.Mail assertNoticeAt(String oldAddress, String newAddress) {
        Mails.Mail notice = Mails.nth(mail, oldAddress, 1);
        assertEquals(msg(email, "accountLifecycle.emailChanged.subject", "Demo"), notice.subject());
        String masked = newAddress.charAt(0) + "***" + newAddress.substring(newAddress.indexOf('@'));
        assertTrue(notice.text().contains(masked), notice.text());
        assertTrue(notice.html().contains(masked), notice.html());
        assertFalse(notice.text().contains(newAddress), "the new address appears masked only");
        assertTrue(notice.text().contains("helpdesk@demo.local"), "names the realm's support contact");
        return notice;
    }

    private List<EventRepresentation> updateEmailEvents(String userId) {
        return realm.admin().getEvents(List.of("UPDATE_EMAIL"), null, userId, null, null, null, 0, 20);
    }

    @Test
    @DisplayName("by self-service: the old address still works until the user confirms, then gets a notice, and the session keeps going with the new email")
    void selfService() {
        String id = active("self.change", "self.old@example.org");
        Map<String, Object> session = tokens.login("self.old@example.org", PASSWORD, "openid email");
        // admin-cli issues lightweight access tokens; the ID token carries the user's claims
        assertEquals("self.old@example.org", Tokens.claims((String) session.get("id_token")).get("email"));

        Browser browser = new Browser();
        Browser.Page loginPage = browser.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/",
                Map.of("kc_action", "UPDATE_EMAIL"));
        Browser.Page form = browser.submit(loginPage, Map.of("username", "self.old@example.org", "password", PASSWORD));
        assertTrue(form.html().contains("name=\"email\""), form.html());
        assertEquals("nl", form.lang(), "Keycloak's update-email page in the bundle's theme, in Dutch");
        assertTrue(form.html().contains("account-lifecycle"), "the bundle's theme resources");
        Browser.Page sent = browser.submit(form, Map.of("email", "self.new@example.org"));
        assertEquals(200, sent.status(), sent.html());

        // pending: nothing changed yet, and the old address still logs in
        assertEquals("self.old@example.org", user(id).getEmail());
        assertNotNull(tokens.login("self.old@example.org", PASSWORD, "openid").get("access_token"));
        assertEquals(0, Mails.to(mail, "self.old@example.org").size(), "no notice before confirmation");

        Mails.Mail confirm = Mails.nth(mail, "self.new@example.org", 1);
        browser.get(java.net.URI.create(confirm.link()));

        assertEquals("self.new@example.org", user(id).getEmail());
        assertNoticeAt("self.old@example.org", "self.new@example.org");
        assertEquals(1, Mails.to(mail, "self.new@example.org").size(), "the new address gets only the confirmation");

        var refreshed = tokens.refresh(session);
        assertEquals(200, refreshed.statusCode(), "the session is kept: " + refreshed.body());
        Map<String, Object> claims = Tokens.claims((String) Tokens.json(refreshed.body()).get("id_token"));
        assertEquals("self.new@example.org", claims.get("email"));
        assertFalse(updateEmailEvents(id).isEmpty(), "Keycloak's UPDATE_EMAIL event, which the Odoo sync follows");
    }

    @Test
    @DisplayName("by an admin with confirmation: a newer request or a cancel retires the old link; the latest link sets the address, tells the old one and ends the sessions")
    void adminConfirm() {
        String id = active("adm.change", "adm.old@example.org");
        Map<String, Object> session = tokens.login("adm.old@example.org", PASSWORD, "openid");

        AdminApi.Reply first = change(id, "adm.new@example.org", "confirm");
        assertEquals(202, first.status(), first.toString());
        Map<?, ?> status = (Map<?, ?>) api.get("users/" + id, token()).json().get("emailChange");
        assertEquals("adm.new@example.org", status.get("pendingEmail"));
        assertNotNull(status.get("expiresAt"));
        assertEquals("adm.old@example.org", user(id).getEmail(), "nothing changes before the user confirms");
        String firstLink = Mails.nth(mail, "adm.new@example.org", 1).link();
        Mails.Mail confirmMail = Mails.nth(mail, "adm.new@example.org", 1);
        assertEquals(msg(email, "accountLifecycle.emailChange.confirm.subject", "Demo"), confirmMail.subject());

        assertEquals(202, change(id, "adm.newer@example.org", "confirm").status());
        Browser.Page replaced = new Browser().get(java.net.URI.create(firstLink));
        assertTrue(replaced.text().contains(ThemeMessages.rendered(login, "accountLifecycle.emailChange.replaced")), replaced.html());
        assertEquals("adm.old@example.org", user(id).getEmail());

        String secondLink = Mails.nth(mail, "adm.newer@example.org", 1).link();
        assertEquals(204, api.delete("users/" + id + "/email-change", token()).status());
        assertNull(api.get("users/" + id, token()).json().get("emailChange"), "cancelled");
        assertEquals(404, api.delete("users/" + id + "/email-change", token()).status(), "nothing left to cancel");
        Browser.Page cancelled = new Browser().get(java.net.URI.create(secondLink));
        assertTrue(cancelled.text().contains(ThemeMessages.rendered(login, "accountLifecycle.emailChange.replaced")), cancelled.html());
        assertEquals("adm.old@example.org", user(id).getEmail());
        assertEquals(200, tokens.refresh(session).statusCode(), "a request alone ends no session");

        assertEquals(202, change(id, "adm.final@example.org", "confirm").status());
        String finalLink = Mails.nth(mail, "adm.final@example.org", 1).link();
        String tampered = finalLink.substring(0, finalLink.length() - 3) + (finalLink.endsWith("AAA") ? "BBB" : "AAA");
        Browser.Page refused = new Browser().get(java.net.URI.create(tampered));
        assertEquals(400, refused.status(), refused.html());
        assertEquals("nl", refused.lang(), "Keycloak's error page, in the bundle's theme and the realm's language");
        assertEquals("adm.old@example.org", user(id).getEmail(), "a tampered link changes nothing");
        Browser.Page done = new Browser().get(java.net.URI.create(finalLink));
        assertTrue(done.text().contains(msg(login, "accountLifecycle.emailChange.confirmedLoggedOut", "adm.final@example.org")), done.html());

        UserRepresentation after = user(id);
        assertEquals("adm.final@example.org", after.getEmail());
        assertTrue(after.isEmailVerified());
        assertNull(api.get("users/" + id, token()).json().get("emailChange"));
        Mails.Mail notice = assertNoticeAt("adm.old@example.org", "adm.final@example.org");
        assertTrue(notice.text().contains(ThemeMessages.rendered(email, "accountLifecycle.emailChanged.sessionsEnded")), notice.text());
        assertEquals(1, Mails.to(mail, "adm.final@example.org").size(), "no notice at the new address");
        assertEquals(400, tokens.refresh(session).statusCode(), "sessions ended on confirmation");
        assertTrue(updateEmailEvents(id).stream().anyMatch(e -> "adm.old@example.org".equals(e.getDetails().get("previous_email"))));

        Browser.Page reused = new Browser().get(java.net.URI.create(finalLink));
        assertFalse(reused.text().contains(msg(login, "accountLifecycle.emailChange.confirmedLoggedOut", "adm.final@example.org")), "the link works once");
        assertEquals("adm.final@example.org", user(id).getEmail());
        assertEquals(1, Mails.to(mail, "adm.old@example.org").size(), "one notice only");
    }

    @Test
    @DisplayName("by an admin with confirmation: an expired link, and an address taken by someone else meanwhile, change nothing")
    void confirmExpiredOrTaken() throws Exception {
        String id = active("adm.race", "adm.race@example.org");
        assertEquals(202, change(id, "race.target@example.org", "confirm").status());
        String raceLink = Mails.nth(mail, "race.target@example.org", 1).link();
        String thief = Users.createActive(realm.admin(), Users.person("race.thief", "race.target@example.org", "Tom", "Sneller"), PASSWORD, List.of());
        Browser.Page taken = new Browser().get(java.net.URI.create(raceLink));
        assertTrue(taken.text().contains(ThemeMessages.rendered(login, "accountLifecycle.emailChange.taken")), taken.html());
        assertEquals("adm.race@example.org", user(id).getEmail());
        assertEquals("race.target@example.org", user(thief).getEmail());
        assertEquals(0, Mails.to(mail, "adm.race@example.org").size(), "no notice: nothing changed");

        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.getAttributes().put("accountLifecycle.emailChange.lifespanSeconds", "1");
        realm.admin().update(rep);
        try {
            assertEquals(202, change(id, "race.late@example.org", "confirm").status());
            String lateLink = Mails.nth(mail, "race.late@example.org", 1).link();
            Thread.sleep(2_000);
            Browser.Page expired = new Browser().get(java.net.URI.create(lateLink));
            assertTrue(expired.text().contains(ThemeMessages.rendered(login, "accountLifecycle.emailChange.expired")), expired.html());
            assertEquals("adm.race@example.org", user(id).getEmail());
            assertEquals(true, ((Map<?, ?>) api.get("users/" + id, token()).json().get("emailChange")).get("expired"));
        } finally {
            rep.getAttributes().put("accountLifecycle.emailChange.lifespanSeconds", "259200");
            realm.admin().update(rep);
        }
    }

    @Test
    @DisplayName("by an admin with confirmation: two users confirming one address at the same moment, one gets it and the other the themed 'taken' page, never an error")
    void parallelConfirmationsOfOneAddress() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String target = "both.want" + round + "@example.org";
                String a = active("both.a" + round, "both.a" + round + "@example.org");
                String b = active("both.b" + round, "both.b" + round + "@example.org");
                assertEquals(202, change(a, target, "confirm").status());
                assertEquals(202, change(b, target, "confirm").status());
                String linkA = Mails.nth(mail, target, 1).link();
                String linkB = Mails.nth(mail, target, 2).link();
                List<java.util.concurrent.Future<Browser.Page>> pages = pool.invokeAll(List.of(
                        () -> new Browser().get(java.net.URI.create(linkA)),
                        () -> new Browser().get(java.net.URI.create(linkB))));
                int confirmed = 0;
                int taken = 0;
                for (java.util.concurrent.Future<Browser.Page> page : pages) {
                    Browser.Page p = page.get();
                    assertTrue(p.status() < 500, "round " + round + ": " + p.status() + " " + p.html());
                    if (p.text().contains(ThemeMessages.rendered(login, "accountLifecycle.emailChange.taken"))) {
                        taken++;
                    } else if (p.text().contains(msg(login, "accountLifecycle.emailChange.confirmedLoggedOut", target))) {
                        confirmed++;
                    }
                }
                assertEquals(1, confirmed, "round " + round + ": one user gets the address");
                assertEquals(1, taken, "round " + round + ": the other sees that it is taken");
                long holders = List.of(user(a), user(b)).stream().filter(u -> target.equals(u.getEmail())).count();
                assertEquals(1, holders, "round " + round);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    @DisplayName("by the helpdesk at once: the address changes, the old one is told, and every session and offline token ends")
    void helpdeskImmediate() {
        String id = active("desk.change", "desk.old@example.org");
        Map<String, Object> online = tokens.login("desk.old@example.org", PASSWORD, "openid");
        Map<String, Object> offline = tokens.login("desk.old@example.org", PASSWORD, "openid offline_access");

        AdminApi.Reply reply = change(id, "  Desk.New@Example.org ", "immediate");
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(((Number) reply.json().get("sessionsEnded")).intValue() >= 2, reply.toString());

        UserRepresentation after = user(id);
        assertEquals("desk.new@example.org", after.getEmail(), "trimmed, as in activation");
        assertTrue(after.isEmailVerified());
        assertEquals(400, tokens.refresh(online).statusCode());
        assertEquals(400, tokens.refresh(offline).statusCode());
        Mails.Mail notice = assertNoticeAt("desk.old@example.org", "desk.new@example.org");
        assertTrue(notice.text().contains(ThemeMessages.rendered(email, "accountLifecycle.emailChanged.sessionsEnded")));
        assertEquals(0, Mails.to(mail, "desk.new@example.org").size(), "nothing to confirm at the new address");
        assertNotNull(tokens.login("desk.new@example.org", PASSWORD, "openid").get("access_token"), "logs in with the new address");
        assertTrue(updateEmailEvents(id).stream().anyMatch(e -> "helpdesk".equals(e.getDetails().get("account_lifecycle_changed_by"))));
    }

    @Test
    @DisplayName("in the admin console form: the same effects as the helpdesk's change, found through the remembered address")
    void consoleEdit() {
        String id = active("console.change", "console.old@example.org");
        Map<String, Object> online = tokens.login("console.old@example.org", PASSWORD, "openid");

        UserRepresentation rep = user(id);
        rep.setFirstName("Eveline");
        realm.admin().users().get(id).update(rep);
        assertEquals(200, tokens.refresh(online).statusCode(), "saving other fields ends nothing");
        assertEquals(0, Mails.to(mail, "console.old@example.org").size());

        rep = user(id);
        rep.setEmail("console.new@example.org");
        realm.admin().users().get(id).update(rep);

        assertNoticeAt("console.old@example.org", "console.new@example.org");
        assertEquals(400, tokens.refresh(online).statusCode(), "sessions ended");
        assertTrue(updateEmailEvents(id).stream().anyMatch(e -> "admin_console".equals(e.getDetails().get("account_lifecycle_changed_by"))));
    }

    @Test
    @DisplayName("in the admin console form with consoleMode=confirm: the address stays, the new one is pending and read-only, and the link to it applies the change")
    void consoleEditWithConfirmation() {
        RealmRepresentation realmRep = realm.admin().toRepresentation();
        realmRep.getAttributes().put("accountLifecycle.emailChange.consoleMode", "confirm");
        realm.admin().update(realmRep);
        try {
            String id = active("console.confirm", "console.confirm.old@example.org");
            Map<String, Object> online = tokens.login("console.confirm.old@example.org", PASSWORD, "openid");

            UserRepresentation rep = user(id);
            rep.setEmail("console.confirm.new@example.org");
            realm.admin().users().get(id).update(rep);

            UserRepresentation kept = user(id);
            assertEquals("console.confirm.old@example.org", kept.getEmail(), "the address stays until the user confirms");
            assertEquals("console.confirm.old@example.org", kept.getUsername(), "and so does the username");
            assertEquals(List.of("console.confirm.new@example.org"), kept.getAttributes().get("accountLifecycle.emailChange.pendingEmail"),
                    "the pending address is shown on the user");
            assertEquals(200, tokens.refresh(online).statusCode(), "a request alone ends no session");
            assertEquals(0, Mails.to(mail, "console.confirm.old@example.org").size(), "nothing told yet");

            Mails.Mail confirm = Mails.nth(mail, "console.confirm.new@example.org", 1);
            Browser.Page done = new Browser().get(java.net.URI.create(confirm.link()));
            assertTrue(done.text().contains(msg(login, "accountLifecycle.emailChange.confirmedLoggedOut", "console.confirm.new@example.org")),
                    done.html());
            assertEquals("console.confirm.new@example.org", user(id).getEmail());
            assertEquals("console.confirm.new@example.org", user(id).getUsername(), "with email as username, the username follows");
            assertNoticeAt("console.confirm.old@example.org", "console.confirm.new@example.org");
        } finally {
            realmRep = realm.admin().toRepresentation();
            realmRep.getAttributes().remove("accountLifecycle.emailChange.consoleMode");
            realm.admin().update(realmRep);
        }
    }

    @Test
    @DisplayName("bad input gets a 4xx naming the field, and nothing is changed or sent")
    void badInput() {
        String id = active("bad.change", "bad.change@example.org");
        String other = active("bad.other", "bad.other@example.org");
        String disabled = active("bad.disabled", "bad.disabled@example.org");
        UserRepresentation off = user(disabled);
        off.setEnabled(false);
        realm.admin().users().get(disabled).update(off);
        String path = "users/" + id + "/email-change";

        assertError(api.post(path, "{\"email\":\"not-an-address\",\"mode\":\"confirm\"}", token()), 400, "email");
        assertError(api.post(path, "{\"email\":\"two words@example.org\",\"mode\":\"immediate\"}", token()), 400, "email");
        assertError(api.post(path, "{\"email\":\"BAD.change@example.org\",\"mode\":\"confirm\"}", token()), 400, "email");
        assertError(api.post(path, "{\"email\":\"bad.other@example.org\",\"mode\":\"immediate\"}", token()), 409, "email");
        assertError(api.post(path, "{\"email\":\"bad.fresh@example.org\",\"mode\":\"later\"}", token()), 400, "mode");
        assertError(api.post(path, "{\"email\":\"bad.fresh@example.org\"}", token()), 400, "mode");
        assertError(api.post(path, "{\"mode\":\"confirm\"}", token()), 400, "email");
        assertEquals(400, api.post(path, "[1,2]", token()).status());
        assertError(api.post("users/" + disabled + "/email-change", "{\"email\":\"bad.fresh@example.org\",\"mode\":\"confirm\"}", token()), 409, "enabled");
        assertEquals(404, api.post("users/no-such-user/email-change", "{\"email\":\"bad.fresh@example.org\",\"mode\":\"confirm\"}", token()).status());
        assertError(api.get("users?email=bad.c", token()), 400, "email");

        assertEquals("bad.change@example.org", user(id).getEmail());
        assertEquals("bad.other@example.org", user(other).getEmail());
        assertNull(api.get("users/" + id, token()).json().get("emailChange"));
        assertEquals(0, Mails.to(mail, "bad.fresh@example.org").size() + Mails.to(mail, "bad.change@example.org").size());
    }

    private static void assertError(AdminApi.Reply reply, int status, String field) {
        assertEquals(status, reply.status(), reply.toString());
        Map<String, Object> body = reply.json();
        assertEquals(field, body.get("field"), reply.toString());
        assertNotNull(body.get("error"));
        assertNotNull(body.get("message"));
    }

    @Test
    @DisplayName("permissions: no token 401, no role 403, query/view roles may read but not change, manage-users may change")
    void permissions() {
        String id = active("perm.target", "perm.target@example.org");
        String none = Users.withAdminRoles(realm.admin(), "ec.perm.none", PASSWORD);
        String query = Users.withAdminRoles(realm.admin(), "ec.perm.q", PASSWORD, "query-users");
        String view = Users.withAdminRoles(realm.admin(), "ec.perm.v", PASSWORD, "view-users");
        String manage = Users.withAdminRoles(realm.admin(), "ec.perm.m", PASSWORD, "manage-users", "view-users");
        String path = "users/" + id + "/email-change";
        String body = "{\"email\":\"perm.moved@example.org\",\"mode\":\"confirm\"}";

        assertEquals(401, api.post(path, body, null).status());
        assertEquals(401, api.delete(path, null).status());
        String tNone = api.passwordGrant(DemoRealm.NAME, none, PASSWORD);
        assertEquals(403, api.post(path, body, tNone).status());
        assertEquals(403, api.delete(path, tNone).status());
        assertEquals(403, api.get("users/" + id, tNone).status());
        assertEquals(403, api.get("users?email=perm.target", tNone).status());
        for (String reader : List.of(query, view)) {
            String t = api.passwordGrant(DemoRealm.NAME, reader, PASSWORD);
            assertEquals(403, api.post(path, body, t).status(), reader);
            assertEquals(403, api.post("users/no-such-user/email-change", body, t).status(), reader + ": no hint whether the user exists");
            assertEquals(403, api.delete(path, t).status(), reader);
        }
        String tView = api.passwordGrant(DemoRealm.NAME, view, PASSWORD);
        assertEquals(200, api.get("users/" + id, tView).status());
        assertEquals(200, api.get("users?email=perm.target", tView).status());
        assertEquals(0, Mails.to(mail, "perm.moved@example.org").size(), "refused requests sent nothing");

        String tManage = api.passwordGrant(DemoRealm.NAME, manage, PASSWORD);
        assertEquals(202, api.post(path, body, tManage).status());
        assertEquals(204, api.delete(path, tManage).status());
    }
}
