package nl.accountlifecycle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import nl.accountlifecycle.it.support.AdminApi;
import nl.accountlifecycle.it.support.Browser;
import nl.accountlifecycle.it.support.BundleServer;
import nl.accountlifecycle.it.support.Mails;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

@KeycloakIntegrationTest(config = BundleServer.class)
@DisplayName("Given invitations whose links expired, resent by an administrator while the expiry scan runs")
class ExpiryScanRaceTest extends ActivationFlowBase {

    @InjectTimeOffSet
    TimeOffSet clock;

    static final int USERS = 60;

    @Test
    @DisplayName("then no resend is overwritten with expired: every user stays pending and every new link opens the form")
    void resendDuringScanStaysPending() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            ids.add((String) invite("race" + i + "@example.org", "\"lifespan\":1").get("userId"));
        }
        clock.set(ActivationLinkTest.PAST_A_ONE_SECOND_LINK);

        // the scan runs every 2 s; resends spread over 6 s land before, during and after its passes
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<AdminApi.Reply>> replies = new ArrayList<>();
        try {
            for (String id : ids) {
                replies.add(pool.submit(() -> api.post("invitations/" + id + "/resend", "{}", token())));
                Thread.sleep(6000 / USERS);
            }
            for (Future<AdminApi.Reply> reply : replies) {
                assertEquals(200, reply.get(30, TimeUnit.SECONDS).status(), reply.get().toString());
            }
        } finally {
            pool.shutdownNow();
        }
        Thread.sleep(5000); // two more passes of the scan

        List<String> overwritten = new ArrayList<>();
        for (String id : ids) {
            Object status = user(id).getAttributes().get("accountLifecycle.activation.status");
            if (!List.of("pending").equals(status)) {
                overwritten.add(id + "=" + status);
            }
        }
        assertEquals(List.of(), overwritten, "users whose resend the scan overwrote");
        for (int i = 0; i < USERS; i += USERS / 6) {
            String email = "race" + i + "@example.org";
            Browser.Page fresh = new Browser().get(URI.create(Mails.nth(mail, email, 2).link()));
            assertTrue(fresh.html().contains("kc-activate-account-form"), email + "\n" + fresh.html());
        }
    }
}
