package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.DemoRealm;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.Tokens;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
/**
 * The lifecycle policies shipped in {@code realm-config/workflows/}, loaded as an admin would (POST the YAML to
 * Keycloak's workflows API), switched on, and run by Keycloak's Workflows engine on the server's moved clock.
 */
@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given the shipped lifecycle policies switched on")
class LifecyclePoliciesTest extends LifecyclePoliciesBase {

    @Test
    @DisplayName("never-activated: 30 days after it finds an invitation never accepted, the user is disabled and the helpdesk told")
    void neverActivated() {
        String pending = invite("never.accepted@example.org");
        String active = activeUser("policy.active", Map.of());
        enable("never-activated.yaml");

        await(() -> enrolled(pending), "the pending invitation is enrolled by the scheduled scan");
        assertFalse(enrolled(active), "a user without an invitation does not match activation-status(pending,expired)");

        clock.set(29 * DAY);
        assertTrue(enabled(pending), "not before 30 days");
        clock.set(31 * DAY);
        await(() -> !enabled(pending), "disabled after 30 days");
        Mails.Mail notice = Mails.nth(mail, HELPDESK, 1);
        assertTrue(notice.text().contains("never.accepted@example.org") && notice.text().contains(pending), notice.text());
        assertTrue(enabled(active), "the active user is untouched");
    }

    @Test
    @DisplayName("contract-end: on the contractEnd date the user is disabled with every session ended; 7 days before, the helpdesk hears of it")
    void contractEnd() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
        String leaving = activeUser("contract.ends", Users.attributes("contractEnd", today.minusDays(1).toString()));
        String soon = activeUser("contract.soon", Users.attributes("contractEnd", today.plusDays(7).toString()));
        String later = activeUser("contract.later", Users.attributes("contractEnd", today.plusDays(30).toString()));
        Tokens tokens = new Tokens(realm.getBaseUrl());
        Map<String, Object> session = tokens.login("contract.ends@example.org", PASSWORD, "openid offline_access");
        assertEquals(200, tokens.refresh(session).statusCode(), "the session works before");

        enable("contract-end.yaml");
        enable("contract-end-warning.yaml");

        await(() -> !enabled(leaving), "the user past contractEnd is disabled");
        await(() -> realm.admin().users().get(leaving).getUserSessions().isEmpty(), "no online session left");
        assertEquals(400, tokens.refresh(session).statusCode(), "the offline token is refused");
        Mails.Mail warning = Mails.nth(mail, HELPDESK, 1);
        assertTrue(warning.text().contains("contract.soon@example.org"), warning.text());
        assertTrue(enabled(soon), "warned, not disabled");
        assertTrue(enabled(later), "30 days ahead: no warning, no disabling");
        assertEquals(1, Mails.to(mail, HELPDESK).size(), "one warning: " + Mails.to(mail, HELPDESK));
    }

    @Test
    @DisplayName("activation-reminder: 24 h before a pending link expires, the same link is mailed again, once")
    void activationReminder() {
        String serverUrl = serverUrlAsFrontendUrl();
        String pending = invite("remind.link@example.org");
        Mails.Mail invitation = Mails.nth(mail, "remind.link@example.org", 1);
        enable("activation-reminder.yaml");

        clock.set(2 * DAY + 3600); // 23 h left of the 3-day link
        Mails.Mail reminder = Mails.nth(mail, "remind.link@example.org", 2);
        assertTrue(reminder.text().contains("24"), "the reminder says why: " + reminder.text());
        assertTrue(reminder.link().startsWith(serverUrl + "/realms/" + DemoRealm.NAME + "/login-actions/action-token?"), reminder.link());
        assertEquals(linkId(invitation.link()), linkId(reminder.link()), "the same link, not a new one");
        assertEquals(pending, realm.admin().users().search("remind.link@example.org", true).get(0).getId());
    }

    /**
     * Keycloak 26.7 stores a step's due time on the wall clock but compares it with its own (test-movable) clock,
     * so moving the clock past 90 days makes every user's warning due, restarted or not. What a login does is
     * therefore asserted where Keycloak shows it: the user's warning is scheduled anew, later than before.
     */
    @Test
    @DisplayName("inactive: no login for 90 days warns the user and 14 days later disables them; a login starts the 90 days again")
    void inactive() {
        String idle = activeUser("idle.user", Map.of());
        String back = activeUser("back.user", Map.of());
        enable("inactive.yaml");
        await(() -> enrolled(idle) && enrolled(back), "both enrolled by the scan");

        long dueBefore = firstStepDue(back);
        long idleDue = firstStepDue(idle);
        new Tokens(realm.getBaseUrl()).login("back.user@example.org", PASSWORD, "openid");
        await(() -> firstStepDue(back) > dueBefore, "the login restarts the 90 days for that user");
        assertEquals(idleDue, firstStepDue(idle), "the other user's warning stays where it was");

        clock.set(91 * DAY);
        Mails.Mail warning = Mails.nth(mail, "idle.user@example.org", 1);
        assertFalse(warning.subject().isBlank(), "Keycloak's notify-user mail");
        assertTrue(enabled(idle), "warned, not yet disabled");

        clock.set(106 * DAY);
        await(() -> !enabled(idle), "the idle user is disabled 14 days after the warning");
    }
}
