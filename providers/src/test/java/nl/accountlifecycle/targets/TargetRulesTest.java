package nl.accountlifecycle.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.WebApplicationException;
import nl.accountlifecycle.support.HostPolicy;
import org.junit.jupiter.api.Test;

class TargetRulesTest {

    static final HostPolicy LOOPBACK = HostPolicy.parse("loopback", TargetSync.HOSTS, "target host");
    static final HostPolicy ANY = HostPolicy.parse("*", TargetSync.HOSTS, "target host");
    static final TargetWorker.Options OPTIONS = new TargetWorker.Options(1000, 200, 16, 2000, 300_000, 60, 10_000, 4);

    @Test
    void urlIsHttpsOrLoopbackHttpAndOnTheOperatorsList() {
        assertEquals("http://127.0.0.1:8080/hook", TargetValidation.url("http://127.0.0.1:8080/hook", LOOPBACK));
        assertEquals("https://crm.example.org/hook", TargetValidation.url("https://crm.example.org/hook", ANY));
        assertRefused("url", () -> TargetValidation.url("http://crm.example.org/hook", ANY));
        assertRefused("url", () -> TargetValidation.url("https://user:pw@crm.example.org/hook", ANY));
        assertRefused("url", () -> TargetValidation.url("ftp://127.0.0.1/hook", LOOPBACK));
        assertRefused("url", () -> TargetValidation.url(null, ANY));
        WebApplicationException notListed = assertRefused("url", () -> TargetValidation.url("https://127.0.0.1/hook",
                HostPolicy.parse("", TargetSync.HOSTS, "target host")));
        assertTrue(String.valueOf(notListed.getResponse().getEntity()).contains("targets-allowed-hosts"));
    }

    @Test
    void kindNameAttemptsAndSecret() {
        assertEquals("webhook", TargetValidation.kind("Webhook"));
        assertEquals("scim", TargetValidation.kind("SCIM"));
        assertRefused("kind", () -> TargetValidation.kind("ldap"));
        assertRefused("name", () -> TargetValidation.name("two words"));
        assertEquals(10, TargetValidation.maxAttempts(null));
        assertRefused("maxAttempts", () -> TargetValidation.maxAttempts(101));
        assertEquals("${vault.hook}", TargetValidation.secret("webhook", "${vault.hook}"));
        assertRefused("secret", () -> TargetValidation.secret("webhook", "plain-password"));
    }

    @Test
    void backoffDoublesUpToTheCapAndHonoursRetryAfter() {
        Outcome failed = Outcome.failed("the receiver answered HTTP 500");
        assertEquals(2000, DeliveryLedger.wait(failed, 0, OPTIONS));
        assertEquals(8000, DeliveryLedger.wait(failed, 2, OPTIONS));
        assertEquals(300_000, DeliveryLedger.wait(failed, 30, OPTIONS));
        assertEquals(7000, DeliveryLedger.wait(new Outcome(false, "HTTP 429", 7000L, false), 5, OPTIONS));
        assertEquals(300_000, DeliveryLedger.wait(new Outcome(false, "HTTP 429", 86_400_000L, false), 0, OPTIONS));
    }

    private static WebApplicationException assertRefused(String field, org.junit.jupiter.api.function.Executable call) {
        WebApplicationException e = assertThrows(WebApplicationException.class, call);
        assertEquals(400, e.getResponse().getStatus());
        assertTrue(String.valueOf(e.getResponse().getEntity()).contains("field=" + field), String.valueOf(e.getResponse().getEntity()));
        return e;
    }
}
