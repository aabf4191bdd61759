package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given Keycloak's own password pages in the bundle's theme")
class PasswordPagesTest {

    static final String OLD = "Herfst2026abc";
    static final String NEW = "Winter2026abc";

    @InjectRealm(config = DemoRealm.class)
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    private List<Map<String, String>> rules(String locale) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(realm.getBaseUrl() + "/account-lifecycle/password-rules?locale=" + locale)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JsonSerialization.readValue(response.body(), new TypeReference<List<Map<String, String>>>() { });
    }

    @Test
    @DisplayName("then the checklist's rules follow the realm policy, with texts in the asked language")
    void rulesFollowPolicy() throws Exception {
        List<Map<String, String>> nl = rules("nl");
        Properties nlMessages = ThemeMessages.login("nl");

        assertEquals(List.of("length", "digits", "lowerCase", "upperCase", "notUsername", "notEmail", "passwordHistory"),
                nl.stream().map(r -> r.get("id")).toList());
        assertEquals(ThemeMessages.rendered(nlMessages, "accountLifecycle.password.rule.length").replace("{0}", "8"), nl.get(0).get("label"));
        assertEquals("server", nl.get(6).get("check"));
        assertEquals(ThemeMessages.rendered(ThemeMessages.login("en"), "accountLifecycle.password.rule.length").replace("{0}", "8"),
                rules("en").get(0).get("label"));
        assertEquals(nl.get(0).get("label"), rules("xx").get(0).get("label"), "an unknown language falls back to Dutch");

        var rep = realm.admin().toRepresentation();
        String policy = rep.getPasswordPolicy();
        rep.setPasswordPolicy("length(12) and regexPattern(^[A-Z].*)");
        realm.admin().update(rep);
        try {
            List<Map<String, String>> changed = rules("nl");
            assertEquals("12", changed.get(0).get("parameter"), "the checklist follows a policy change");
            assertEquals("regexPattern", changed.get(1).get("id"));
            assertTrue(changed.get(1).get("label").contains("regexPattern"), "an unknown rule is listed by name");
        } finally {
            rep.setPasswordPolicy(policy);
            realm.admin().update(rep);
        }
    }

    private static final Pattern RULE_ITEM = Pattern.compile(
            "<li class=\"al-rule\" data-rule=\"([^\"]+)\" data-check=\"([^\"]+)\"[^>]*>(.*?)</li>", Pattern.DOTALL);

    /**
     * The page as served, before any script runs, states every rule of the demo policy in Dutch, singular where
     * the policy asks for one; both "not the same as" rules tick in the browser (the username is the email),
     * and only the history rule is left to the server.
     */
    private static void assertRulesInServedHtml(Browser.Page page, String email) {
        Properties nl = ThemeMessages.login("nl");
        Map<String, String[]> items = new java.util.LinkedHashMap<>();
        Matcher m = RULE_ITEM.matcher(page.html());
        while (m.find()) {
            items.put(m.group(1), new String[] {m.group(2), m.group(3).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").trim()});
        }
        assertEquals(List.of("length", "digits", "lowerCase", "upperCase", "notUsername", "notEmail", "passwordHistory"),
                List.copyOf(items.keySet()), page.html());
        assertEquals(ThemeMessages.rendered(nl, "accountLifecycle.password.rule.length").replace("{0}", "8"), items.get("length")[1]);
        assertEquals(ThemeMessages.rendered(nl, "accountLifecycle.password.rule.digits.one"), items.get("digits")[1]);
        assertEquals("minimaal 1 cijfer", items.get("digits")[1], "Dutch without (s)");
        assertEquals(ThemeMessages.rendered(nl, "accountLifecycle.password.rule.upperCase.one"), items.get("upperCase")[1]);
        assertEquals("notEmail", items.get("notEmail")[0], "the email rule ticks in the browser");
        assertEquals("notUsername", items.get("notUsername")[0]);
        assertEquals("server", items.get("passwordHistory")[0]);
        assertTrue(items.get("passwordHistory")[1].endsWith(ThemeMessages.rendered(nl, "accountLifecycle.password.rule.serverChecked")),
                items.get("passwordHistory")[1]);
        assertTrue(page.html().contains("data-email=\"" + email + "\""), page.html());
        items.values().forEach(item -> assertFalse(item[1].contains("(s)"), item[1]));
    }

    @Test
    @DisplayName("when a password must be updated at login then the page has the checklist and enforces the policy")
    void forcedUpdateHasChecklist() {
        String id = Users.createActive(realm.admin(), Users.person("must.update", "must.update@example.org", "Mia", "Moet"), OLD, List.of());
        UserRepresentation rep = realm.admin().users().get(id).toRepresentation();
        rep.setRequiredActions(List.of("UPDATE_PASSWORD"));
        realm.admin().users().get(id).update(rep);

        Browser browser = new Browser();
        Browser.Page login = browser.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/", Map.of());
        Browser.Page update = browser.submit(login, Map.of("username", "must.update@example.org", "password", OLD));
        assertRulesInServedHtml(update, "must.update@example.org");
        assertTrue(update.html().contains("/realms/" + DemoRealm.NAME + "/account-lifecycle/password-rules?locale=nl"),
                "the script may still add rules the template cannot name:\n" + update.html());

        Browser.Page weak = browser.submit(update, Map.of("password-new", "winter", "password-confirm", "winter"));
        Properties nl = ThemeMessages.login("nl");
        boolean ruleNamed = List.of("invalidPasswordMinLengthMessage:8", "invalidPasswordMinDigitsMessage:1",
                        "invalidPasswordMinUpperCaseCharsMessage:1").stream()
                .map(k -> ThemeMessages.rendered(nl, k.split(":")[0]).replace("{0}", k.split(":")[1]))
                .anyMatch(weak.text()::contains);
        assertTrue(ruleNamed, "the refused rule is named in Dutch:\n" + weak.html());
        Browser.Page done = browser.submit(weak, Map.of("password-new", NEW, "password-confirm", NEW));
        assertNotNull(done.location(), done.html());
        assertTrue(done.location().contains("code="), done.location());
    }

    @Test
    @DisplayName("when a user forgets the password then the same answer comes for any address and the emailed link resets it")
    void forgotPassword() {
        Users.createActive(realm.admin(), Users.person("forgetful", "forgetful@example.org", "Flip", "Vergeet"), OLD, List.of());
        Properties nl = ThemeMessages.login("nl");

        Browser browser = new Browser();
        Browser.Page login = browser.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/", Map.of());
        Browser.Page forgot = browser.get(URI.create(login.linkTo("login-actions/reset-credentials")));
        assertTrue(forgot.text().contains(ThemeMessages.rendered(nl, "emailForgotTitle")), forgot.html());
        Browser.Page known = browser.submit(forgot, Map.of("username", "forgetful@example.org"));

        Browser other = new Browser();
        Browser.Page login2 = other.openLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/", Map.of());
        Browser.Page forgot2 = other.get(URI.create(login2.linkTo("login-actions/reset-credentials")));
        Browser.Page unknown = other.submit(forgot2, Map.of("username", "nobody.here@example.org"));

        String sent = ThemeMessages.rendered(nl, "emailSentMessage");
        assertTrue(known.text().contains(sent), known.html());
        assertTrue(unknown.text().contains(sent), "the same answer for an unknown address");

        Mails.Mail reset = Mails.nth(mail, "forgetful@example.org", 1);
        assertEquals(ThemeMessages.rendered(ThemeMessages.email("nl"), "passwordResetSubject"), reset.subject());
        Browser.Page update = browser.get(URI.create(reset.link()));
        assertRulesInServedHtml(update, "forgetful@example.org");
        Browser.Page done = browser.submit(update, Map.of("password-new", NEW, "password-confirm", NEW));
        assertNotNull(done.location(), "logged in after the reset:\n" + done.html());
        assertTrue(Mails.to(mail, "nobody.here@example.org").isEmpty());
    }
}
