package nl.accountlifecycle.targetsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The ways the targets misbehave on request, and the control API that sets them. */
class SwitchesTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String USER = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"s@corp.test\"}";

    TargetSimulator sim;
    TargetClient client;

    @BeforeEach
    void start() throws Exception {
        sim = TargetSimulator.start(0);
        sim.setWebhookSecret("crm", SECRET);
        client = new TargetClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> config(String json) throws Exception {
        return client.post("/_sim/config", "application/json", json);
    }

    @Test
    @DisplayName("failNext answers the next COUNT requests with STATUS as a SCIM error, then the target answers again")
    void failNext() throws Exception {
        HttpResponse<String> set = config("{\"failNext\": {\"count\": 2, \"status\": 503}}");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals(2, client.body(set).at("/failNext/count").asInt());
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> failed = client.scim("POST", "/Users", USER);
            assertEquals(503, failed.statusCode());
            assertEquals("503", client.body(failed).get("status").asText());
        }
        assertEquals(201, client.scim("POST", "/Users", USER).statusCode());
        assertEquals(0, client.body(client.get("/_sim/config")).at("/failNext/count").asInt());
    }

    @Test
    @DisplayName("rateLimitNext answers 429 with Retry-After")
    void rateLimitNext() throws Exception {
        config("{\"rateLimitNext\": {\"count\": 1, \"retryAfterSeconds\": 7}}");
        HttpResponse<String> limited = client.scim("GET", "/Users", null);
        assertEquals(429, limited.statusCode());
        assertEquals("7", limited.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(200, client.scim("GET", "/Users", null).statusCode());
    }

    @Test
    @DisplayName("htmlBadGatewayNext answers 502 with an HTML page, on webhooks too; it is recorded as not checked")
    void htmlBadGateway() throws Exception {
        sim.htmlBadGatewayNext(2);
        HttpResponse<String> scim = client.scim("GET", "/Users", null);
        assertEquals(502, scim.statusCode());
        assertTrue(scim.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(scim.body().startsWith("<html>"));
        HttpResponse<String> hook = client.deliver("crm", SECRET, "msg_1", "{\"type\":\"user.created\"}");
        assertEquals(502, hook.statusCode());
        assertEquals(200, client.deliver("crm", SECRET, "msg_1", "{\"type\":\"user.created\"}").statusCode());
        List<Map<String, Object>> messages = sim.webhookMessages("crm");
        assertEquals(2, messages.size());
        assertNull(messages.get(0).get("verified"), "the faulted delivery was answered before any check");
        assertEquals(502, messages.get(0).get("status"));
        assertEquals(true, messages.get(1).get("verified"));
    }

    @Test
    @DisplayName("a scope keeps the faults to one target: with scope webhooks, SCIM answers normally")
    void scope() throws Exception {
        config("{\"scope\": \"webhooks\", \"failNext\": {\"count\": 1, \"status\": 500}}");
        assertEquals(200, client.scim("GET", "/Users", null).statusCode());
        HttpResponse<String> hook = client.deliver("crm", SECRET, "msg_1", "{}");
        assertEquals(500, hook.statusCode());
        assertTrue(client.body(hook).has("error"));
    }

    @Test
    @DisplayName("down drops SCIM and webhook requests without an answer; the control API still answers and brings it back")
    void down() throws Exception {
        config("{\"down\": true}");
        assertThrows(IOException.class, () -> client.scim("POST", "/Users", USER));
        assertThrows(IOException.class, () -> client.deliver("crm", SECRET, "msg_1", "{}"));
        assertTrue(client.body(client.get("/_sim/config")).get("down").asBoolean());
        config("{\"down\": false}");
        assertEquals(201, client.scim("POST", "/Users", USER).statusCode());
    }

    @Test
    @DisplayName("a closed port refuses connections, control API included; it opens again on the same port")
    void portClosed() throws Exception {
        int port = sim.port();
        sim.setPortClosed(true);
        assertThrows(ConnectException.class, () -> client.scim("GET", "/Users", null));
        sim.setPortClosed(false);
        assertEquals(port, sim.port());
        assertEquals(200, client.scim("GET", "/Users", null).statusCode());
        config("{\"portClosedForMs\": 400}");
        Thread.sleep(200);
        assertThrows(ConnectException.class, () -> client.get("/_sim/state"));
        Thread.sleep(1000);
        assertEquals(200, client.get("/_sim/state").statusCode());
    }

    @Test
    @DisplayName("rttMs delays each target request without holding up the others or the control API")
    void rtt() throws Exception {
        config("{\"rttMs\": 600}");
        long start = System.nanoTime();
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return client.scim("GET", "/Users", null).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        long controlMillis = timed(() -> client.get("/_sim/config"));
        for (CompletableFuture<Integer> call : calls) {
            assertEquals(200, call.get());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 600 && millis < 3_000, "20 requests of 600 ms side by side took " + millis + " ms");
        assertTrue(controlMillis < 500, "the control API waited " + controlMillis + " ms");
    }

    @Test
    @DisplayName("config is partial; a wrong value is 400 and changes nothing; reset empties data and keeps the switches")
    void configAndReset() throws Exception {
        config("{\"rttMs\": 5, \"failNext\": {\"status\": 502}}");
        JsonNode state = client.body(config("{\"rateLimitNext\": 3}"));
        assertEquals(5, state.get("rttMs").asInt());
        assertEquals(502, state.at("/failNext/status").asInt());
        assertEquals(3, state.at("/rateLimitNext/count").asInt());
        assertEquals(400, config("{\"rttMs\": 1, \"scope\": \"everything\"}").statusCode());
        assertEquals(400, config("{\"failNext\": {\"count\": 1, \"status\": 200}}").statusCode());
        assertEquals(400, config("{\"slow\": true}").statusCode());
        assertEquals(5, client.body(client.get("/_sim/config")).get("rttMs").asInt());
        config("{\"rateLimitNext\": 0, \"rttMs\": 0}");
        client.scim("POST", "/Users", USER);
        client.deliver("crm", SECRET, "msg_1", "{}");
        JsonNode reset = client.body(client.post("/_sim/reset", "application/json", ""));
        assertEquals(0, reset.get("users").asInt());
        assertEquals(0, reset.at("/webhooks/crm/accepted").asInt());
        assertEquals(502, reset.at("/failNext/status").asInt());
        assertEquals(200, client.deliver("crm", SECRET, "msg_2", "{}").statusCode(), "the secret stays");
        assertFalse(client.body(client.get("/_sim/config")).get("down").asBoolean());
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static long timed(Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
