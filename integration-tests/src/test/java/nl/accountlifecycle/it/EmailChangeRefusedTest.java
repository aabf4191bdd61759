package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.Mails;
import nl.accountlifecycle.it.support.ThemeMessages;
import nl.accountlifecycle.it.support.Users;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given an admin asked to change a user's email address with confirmation, when the link cannot be used")
class EmailChangeRefusedTest extends EmailChangeBase {

    /** The server's clock, moved past a link's lifespan instead of waiting for it. */
    @InjectTimeOffSet
    TimeOffSet clock;

    /** How long the realm keeps a confirmation link valid (3 days in the demo realm). */
    private long linkLifespanSeconds() {
        return Long.parseLong(realm.admin().toRepresentation().getAttributes().get("accountLifecycle.emailChange.lifespanSeconds"));
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

        assertEquals(202, change(id, "race.late@example.org", "confirm").status());
        String lateLink = Mails.nth(mail, "race.late@example.org", 1).link();
        clock.set(Duration.ofSeconds(linkLifespanSeconds()).plusMinutes(1));
        Browser.Page expired = new Browser().get(java.net.URI.create(lateLink));
        assertTrue(expired.text().contains(ThemeMessages.rendered(login, "accountLifecycle.emailChange.expired")), expired.html());
        assertEquals("adm.race@example.org", user(id).getEmail());
        assertEquals(true, ((Map<?, ?>) api.get("users/" + id, token()).json().get("emailChange")).get("expired"));
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
}
