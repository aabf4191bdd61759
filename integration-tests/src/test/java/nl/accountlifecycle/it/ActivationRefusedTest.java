package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given an invited user, when the account changes after the link was sent")
class ActivationRefusedTest extends ActivationFlowBase {

    @Test
    @DisplayName("then, with the form open, an email changed by an admin refuses the submit: no takeover by the old mailbox")
    void emailChangedAfterOpen() {
        String id = (String) invite("holder.old@example.org", null).get("userId");
        Browser browser = new Browser();
        Browser.Page form = openForm(browser, "holder.old@example.org");
        UserRepresentation rep = user(id);
        rep.setEmail("holder.new@example.org");
        realm.admin().users().get(id).update(rep);

        Browser.Page after = browser.submit(form, Map.of("password-new", STRONG, "password-confirm", STRONG));

        assertNull(after.location(), "not logged in: " + after.location());
        assertTrue(after.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.activation.refused.emailChanged")), after.html());
        assertNothingWritten(id);
    }

    @Test
    @DisplayName("then, with the form open, a user disabled meanwhile is refused and nothing is stored")
    void disabledAfterOpen() {
        String id = (String) invite("disabled.later@example.org", null).get("userId");
        Browser browser = new Browser();
        Browser.Page form = openForm(browser, "disabled.later@example.org");
        UserRepresentation rep = user(id);
        rep.setEnabled(false);
        realm.admin().users().get(id).update(rep);

        Browser.Page after = browser.submit(form, Map.of("password-new", STRONG, "password-confirm", STRONG));

        assertNull(after.location(), "not logged in: " + after.location());
        assertTrue(after.text().contains(ThemeMessages.rendered(nl, "accountDisabledMessage")), after.html());
        assertNothingWritten(id);
    }

    @Test
    @DisplayName("then, with the form open, a link replaced meanwhile by a resend is refused and nothing is stored")
    void replacedAfterOpen() {
        String id = (String) invite("replaced.later@example.org", null).get("userId");
        Browser browser = new Browser();
        Browser.Page form = openForm(browser, "replaced.later@example.org");
        AdminApi.Reply resent = api.post("invitations/" + id + "/resend", "{}", token());
        assertEquals(200, resent.status(), resent.toString());

        Browser.Page after = browser.submit(form, Map.of("password-new", STRONG, "password-confirm", STRONG));

        assertNull(after.location(), "not logged in: " + after.location());
        assertTrue(after.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.activation.replaced")), after.html());
        assertNothingWritten(id);
    }

    @Test
    @DisplayName("then a link for a disabled user is refused and nothing changes")
    void disabledUserRefused() {
        String id = (String) invite("disabled@example.org", null).get("userId");
        String link = Mails.nth(mail, "disabled@example.org", 1).link();
        UserRepresentation rep = user(id);
        rep.setEnabled(false);
        realm.admin().users().get(id).update(rep);

        Browser.Page page = new Browser().get(URI.create(link));

        assertFalse(page.html().contains("kc-activate-account-form"), page.html());
        assertTrue(page.text().contains(ThemeMessages.rendered(nl, "accountDisabledMessage")), page.html());
        assertTrue(realm.admin().users().get(id).credentials().isEmpty());
        assertEquals(List.of("pending"), user(id).getAttributes().get("accountLifecycle.activation.status"));
    }

    @Test
    @DisplayName("then a link whose email no longer matches the user's email is refused")
    void changedEmailRefused() {
        String id = (String) invite("old.address@example.org", null).get("userId");
        String link = Mails.nth(mail, "old.address@example.org", 1).link();
        UserRepresentation rep = user(id);
        rep.setEmail("new.address@example.org");
        realm.admin().users().get(id).update(rep);

        Browser.Page page = new Browser().get(URI.create(link));

        assertTrue(page.text().contains(ThemeMessages.rendered(nl, "accountLifecycle.activation.refused.emailChanged")), page.html());
        assertTrue(realm.admin().users().get(id).credentials().isEmpty());
    }
}
