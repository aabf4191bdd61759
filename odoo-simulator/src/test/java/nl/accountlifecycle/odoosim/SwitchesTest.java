package nl.accountlifecycle.odoosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The ways the simulator misbehaves on request, and the control API that sets them. */
class SwitchesTest {

    OdooSimulator sim;
    SimClient rpc;

    @BeforeEach
    void start() throws Exception {
        sim = OdooSimulator.start(0);
        rpc = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    @DisplayName("HTML errors answer 502 like a broken proxy; the control API still answers")
    void htmlErrors() throws Exception {
        sim.setHtmlErrors(true);
        HttpResponse<String> html = rpc.post("/xmlrpc/2/common", "text/xml", "<methodCall><methodName>version</methodName></methodCall>");
        assertEquals(502, html.statusCode());
        assertTrue(html.body().startsWith("<html>"));
        assertTrue(rpc.post("/_sim/config", "application/json", "{\"htmlErrors\": false}").body().contains("\"htmlErrors\":false"));
        assertEquals(200, rpc.post("/xmlrpc/2/common", "text/xml", "<methodCall><methodName>version</methodName></methodCall>").statusCode());
    }

    @Test
    @DisplayName("a hang makes a client with a short timeout give up")
    void hang() throws Exception {
        sim.setHangMillis(5_000);
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/xmlrpc/2/common")).timeout(Duration.ofMillis(300))
                .POST(HttpRequest.BodyPublishers.ofString("<methodCall><methodName>version</methodName></methodCall>")).build();
        assertThrows(HttpTimeoutException.class, () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    @DisplayName("a serialized-fault switch adds an Apache extension faultCause holding a Java object")
    void serializedFault() throws Exception {
        sim.setSerializedFault(true);
        assertTrue(rpc.rawCall("object", "execute_kw", "odoo", 2, "wrong", "res.users", "search", List.of(List.of()), Map.of())
                .contains("<ex:serializable>"));
    }

    @Test
    @DisplayName("a fail rate of 1 makes every ORM call fault 1 and counts none of them")
    void failRate() throws Exception {
        sim.setFailRate(1);
        SimClient.Fault fault = (SimClient.Fault) rpc.executeKw("res.users", "search", List.of(List.of()), Map.of());
        assertEquals(1, fault.code());
        assertEquals(0, sim.callCount("search"));
        sim.setFailRate(0);
        rpc.executeKw("res.users", "search", List.of(List.of()), Map.of());
        assertEquals(1, sim.callCount("search"));
        assertTrue(rpc.post("/_sim/state", "application/json", "").body().contains("\"calls\":{\"search\":1}"));
    }

    @Test
    @DisplayName("down closes the port (connection refused); up again on the same port")
    void down() throws Exception {
        int port = sim.port();
        sim.setDown(true);
        assertThrows(ConnectException.class, () -> rpc.call("common", "version"));
        sim.setDown(false);
        assertEquals(port, sim.port());
        assertEquals(200, rpc.post("/xmlrpc/2/common", "text/xml", "<methodCall><methodName>version</methodName></methodCall>").statusCode());
    }

    @Test
    @DisplayName("reset empties it to the administrator and the call counts to zero; GET / lists users with text escaped")
    void resetAndListing() throws Exception {
        sim.createUser("<b>x</b>@example.org", "X", "x@example.org");
        String listing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(listing.contains("&lt;b&gt;x&lt;/b&gt;@example.org") && !listing.contains("<b>x</b>"), listing);
        assertTrue(rpc.post("/_sim/reset", "application/json", "").body().contains("\"calls\":{}"));
        assertEquals(1, sim.users().size());
    }
}
