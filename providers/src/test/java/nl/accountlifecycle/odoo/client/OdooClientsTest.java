package nl.accountlifecycle.odoo.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import nl.accountlifecycle.odoosim.OdooSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Both transports against the loopback Odoo simulator: the same calls, the same classified failures. */
class OdooClientsTest {

    OdooSimulator sim;

    @BeforeEach
    void start() throws IOException {
        sim = OdooSimulator.start(0);
        sim.setVersion(19); // both protocols exist in Odoo 19
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private OdooClient client(OdooEndpoint.Transport transport, String key, String db, int timeoutMs) {
        return OdooClients.open(new OdooEndpoint(URI.create(sim.baseUrl()), db, "admin", key, transport, Duration.ofMillis(timeoutMs)));
    }

    private OdooClient client(OdooEndpoint.Transport transport) {
        return client(transport, "sim-api-key", "odoo", 3000);
    }

    private static OdooException.Kind failure(ThrowingCall call) {
        OdooException e = assertThrows(OdooException.class, call::run);
        assertFalse(e.getMessage().contains("sim-api-key"), "the key never appears in a reason");
        assertTrue(e.getMessage().matches("HTTP \\d{3}|fault \\d|authenticate returned False|not an XML-RPC answer"
                + "|HTTP \\d{3}, not a JSON-2 answer|" + OdooException.NO_CONNECTION), "a status or fault code only, no server text: " + e.getMessage());
        return e.kind();
    }

    interface ThrowingCall {
        void run() throws OdooException;
    }

    @ParameterizedTest
    @EnumSource(OdooEndpoint.Transport.class)
    void createSearchWriteRoundTrip(OdooEndpoint.Transport transport) throws Exception {
        OdooClient odoo = client(transport);
        assertEquals(OdooSimulator.ADMIN_UID, odoo.uid());
        List<Integer> ids = odoo.create("res.users", List.of(
                Map.of("login", "a@example.org", "name", "A", "phone", "1"),
                Map.of("login", "b@example.org", "name", "B")), Map.of());
        assertEquals(2, ids.size());
        odoo.write("res.users", List.of(ids.get(0)), Map.of("active", false), Map.of());
        assertEquals(0, odoo.searchRead("res.users", List.of(List.of("login", "=", "a@example.org")), List.of("login"), Map.of()).size(),
                "archived users are hidden by default");
        List<Map<String, Object>> rows = odoo.searchRead("res.users", List.of(List.of("login", "in", List.of("a@example.org", "b@example.org"))),
                List.of("login", "active", "phone", "partner_id"), Map.of("active_test", false));
        assertEquals(2, rows.size());
        assertEquals(false, rows.get(0).get("active"));
        assertEquals("1", rows.get(0).get("phone"));
        assertTrue(rows.get(0).get("partner_id") instanceof List<?> m2o && m2o.size() == 2, "many2one as [id, name]: " + rows.get(0));
        assertTrue(odoo.fieldNames("res.users").contains("group_ids"));
        assertFalse(odoo.fieldNames("res.partner").contains("mobile"), "Odoo 19");
    }

    @ParameterizedTest
    @EnumSource(OdooEndpoint.Transport.class)
    void failuresAreClassified(OdooEndpoint.Transport transport) throws Exception {
        assertEquals(OdooException.Kind.AUTHENTICATION, failure(() -> client(transport, "wrong-key", "odoo", 3000).uid()));
        assertEquals(OdooException.Kind.DATABASE, failure(() -> client(transport, "sim-api-key", "nodb", 3000).uid()));

        OdooClient odoo = client(transport);
        odoo.create("res.users", List.of(Map.of("login", "dup@example.org", "name", "D")), Map.of());
        OdooException dup = assertThrows(OdooException.class, () -> odoo.create("res.users", List.of(Map.of("login", "dup@example.org", "name", "D")), Map.of()));
        assertEquals(OdooException.Kind.VALIDATION, dup.kind());
        assertFalse(dup.getMessage().contains("same login"), "Odoo's own text is never kept: " + dup.getMessage());
        assertTrue(dup.getMessage().equals("fault 2") || dup.getMessage().equals("HTTP 422"), dup.getMessage());

        sim.setHtmlErrors(true);
        assertEquals(OdooException.Kind.UNAVAILABLE, failure(() -> odoo.fieldNames("res.users")), "a proxy's 502 page");
        sim.setHtmlErrors(false);
        sim.setFailRate(1);
        assertEquals(OdooException.Kind.SERVER, failure(() -> odoo.fieldNames("res.users")));
        sim.setFailRate(0);
        sim.setHangMillis(1500);
        OdooClient impatient = client(transport, "sim-api-key", "odoo", 300);
        long start = System.nanoTime();
        assertEquals(OdooException.Kind.UNAVAILABLE, failure(() -> impatient.fieldNames("res.users")), "no answer in time");
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1400, "gave up at about the timeout");
        sim.setHangMillis(0);
        sim.setDown(true);
        OdooException refused = assertThrows(OdooException.class, () -> client(transport).fieldNames("res.users"));
        assertEquals(OdooException.Kind.UNAVAILABLE, refused.kind());
        assertEquals(OdooException.NO_CONNECTION, refused.getMessage(), "a closed port reads as a timeout does");
    }

    /** A class whose deserialization would be visible: the proof that a fault cause is never read. */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean tripped;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            tripped = true;
        }
    }

    @Test
    void aFaultCarryingASerializedObjectIsNotDeserialized() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Tripwire());
        }
        String payload = Base64.getEncoder().encodeToString(bytes.toByteArray());
        // the fault an Apache XML-RPC server with extensions on sends (CVE-2019-17570)
        String fault = "<?xml version=\"1.0\"?><methodResponse xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\">"
                + "<fault><value><struct><member><name>faultCode</name><value><i4>1</i4></value></member>"
                + "<member><name>faultString</name><value>boom</value></member>"
                + "<member><name>faultCause</name><value><ex:serializable>" + payload + "</ex:serializable></value></member>"
                + "</struct></value></fault></methodResponse>";
        HttpServer evil = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        evil.createContext("/", exchange -> {
            byte[] body = fault.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        evil.start();
        try {
            Tripwire.tripped = false;
            OdooClient odoo = OdooClients.open(new OdooEndpoint(URI.create("http://127.0.0.1:" + evil.getAddress().getPort()),
                    "odoo", "admin", "k", OdooEndpoint.Transport.XMLRPC, Duration.ofSeconds(3)));
            OdooException e = assertThrows(OdooException.class, odoo::uid);
            assertFalse(Tripwire.tripped, "the serialized fault cause was deserialized");
            assertNotNull(e.kind());
            // the same bytes do run readObject when deserialized, so the check above can fail
            try (ObjectInputStream in = new ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                in.readObject();
            }
            assertTrue(Tripwire.tripped);
        } finally {
            evil.stop(0);
        }
    }

    @Test
    void urlsAreChecked() {
        assertNull(OdooClients.checkUrl(URI.create("https://erp.example.org")));
        assertNull(OdooClients.checkUrl(URI.create("http://127.0.0.1:8069")));
        assertNull(OdooClients.checkUrl(URI.create("http://localhost:8069")));
        assertNull(OdooClients.checkUrl(URI.create("http://[::1]:8069")));
        assertNotNull(OdooClients.checkUrl(URI.create("http://erp.example.org")));
        assertNotNull(OdooClients.checkUrl(URI.create("http://10.0.0.5:8069")));
        assertNotNull(OdooClients.checkUrl(URI.create("ftp://erp.example.org")));
        assertNotNull(OdooClients.checkUrl(URI.create("erp.example.org")));
        assertNotNull(OdooClients.checkUrl(URI.create("https://user:pw@erp.example.org")));
        assertFalse(new OdooEndpoint(URI.create("https://x"), "db", "admin", "secret-key", OdooEndpoint.Transport.JSON2,
                Duration.ofSeconds(1)).toString().contains("secret-key"));
    }
}
