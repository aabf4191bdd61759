package nl.accountlifecycle.targetsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The command line: defaults, every flag, and clear refusals. */
class OptionsTest {

    @Test
    @DisplayName("defaults: port 8090 on 127.0.0.1, the sim token and client, no delay, no faults")
    void defaults() {
        Options o = Options.parse();
        assertEquals(8090, o.port);
        assertEquals("127.0.0.1", o.host.getHostAddress());
        assertEquals("sim-scim-token", o.scimToken);
        assertEquals("sim-client", o.clientId);
        assertEquals("sim-secret", o.clientSecret);
        assertEquals(0, o.switches.state().get("rttMs"));
        assertEquals(false, o.switches.state().get("down"));
    }

    @Test
    @DisplayName("every flag is read, --webhook-secret repeatable")
    void flags() {
        Options o = Options.parse("--port", "0", "--host", "localhost", "--rtt-ms", "25", "--scim-token", "t", "--client-id", "c",
                "--client-secret", "s", "--webhook-secret", "crm=" + WebhooksTest.SECRET, "--webhook-secret", "hr=" + WebhooksTest.SECRET,
                "--down", "--fail-next", "2:503", "--rate-limit-next", "1:9", "--html-bad-gateway-next", "3", "--fault-scope", "scim");
        assertEquals(0, o.port);
        assertTrue(o.host.isLoopbackAddress());
        assertEquals("t", o.scimToken);
        assertEquals(2, o.webhookSecrets.size());
        assertEquals("{scope=scim, down=true, rttMs=25, failNext={count=2, status=503}, rateLimitNext={count=1, retryAfterSeconds=9}, "
                + "htmlBadGatewayNext=3}", o.switches.state().toString());
        assertTrue(Options.parse("--help").help);
    }

    @Test
    @DisplayName("a non-loopback host, an unknown flag, a missing value or a bad secret is refused with a clear message")
    void refusals() {
        assertMessage("--host must be a loopback address", "--host", "0.0.0.0");
        assertMessage("--host must be a loopback address", "--host", "192.168.1.2");
        assertMessage("--host must be a loopback address", "--host", "example.org");
        assertMessage("unknown flag --verbose", "--verbose", "1");
        assertMessage("unknown flag --bogus", "--bogus");
        assertMessage("--port needs a value", "--port");
        assertMessage("--port needs a whole number from 0 to 65535", "--port", "http");
        assertMessage("--webhook-secret takes NAME=whsec_...", "--webhook-secret", "whsec_abc");
        assertMessage("must be whsec_ followed by base64", "--webhook-secret", "crm=whsec_***");
        assertMessage("failNext.status must be an HTTP error status", "--fail-next", "1:200");
        assertMessage("scope must be all, scim or webhooks", "--fault-scope", "everything");
        assertEquals("::1", Options.loopback("::1").getHostAddress().replace("0:0:0:0:0:0:0:1", "::1"));
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Options.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
