package nl.accountlifecycle.targetsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;

/** Standard Webhooks receivers: signatures checked with the reference library, duplicates by webhook-id. */
class WebhooksTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String EVENT = "{\"type\":\"user.created\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{\"id\":\"u1\"}}";

    TargetSimulator sim;
    TargetClient client;

    @BeforeEach
    void start() throws Exception {
        sim = TargetSimulator.start(0);
        client = new TargetClient(sim);
        HttpResponse<String> set = client.post("/_sim/webhook-secret", "application/json",
                "{\"name\": \"crm\", \"secret\": \"" + SECRET + "\"}");
        assertEquals(200, set.statusCode(), set.body());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    @DisplayName("a correctly signed message is 200, recorded verified with its id, timestamp, type and body")
    void verified() throws Exception {
        HttpResponse<String> r = client.deliver("crm", SECRET, "msg_1", EVENT);
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(client.body(r).get("duplicate").asBoolean());
        JsonNode list = client.body(client.get("/_sim/webhooks/crm"));
        assertEquals(1, list.get("accepted").asInt());
        JsonNode m = list.at("/messages/0");
        assertEquals("crm", m.get("name").asText());
        assertEquals("msg_1", m.get("id").asText());
        assertTrue(m.get("verified").asBoolean());
        assertEquals(200, m.get("status").asInt());
        assertEquals("user.created", m.get("type").asText());
        assertEquals(EVENT, m.get("body").asText());
        assertTrue(m.get("timestamp").asLong() > 0);
        assertTrue(m.has("receivedAt"));
    }

    @Test
    @DisplayName("a bad signature, another secret's signature or a stale timestamp is 400, recorded unverified")
    void rejected() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        assertEquals(400, client.deliver("crm", "msg_1", now, "v1,AAAA", EVENT).statusCode());
        String other = new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString("another secret".getBytes())).sign("msg_2", now, EVENT);
        assertEquals(400, client.deliver("crm", "msg_2", now, other, EVENT).statusCode());
        long old = now - 3600;
        assertEquals(400, client.deliver("crm", "msg_3", old, new Webhook(SECRET).sign("msg_3", old, EVENT), EVENT).statusCode());
        HttpResponse<String> tampered = client.deliver("crm", "msg_4", now, new Webhook(SECRET).sign("msg_4", now, EVENT), EVENT + " ");
        assertEquals(400, tampered.statusCode());
        List<Map<String, Object>> messages = sim.webhookMessages("crm");
        assertEquals(4, messages.size());
        assertTrue(messages.stream().allMatch(m -> Boolean.FALSE.equals(m.get("verified")) && Integer.valueOf(400).equals(m.get("status"))));
        assertEquals(0, client.body(client.get("/_sim/webhooks")).at("/crm/accepted").asInt());
    }

    @Test
    @DisplayName("a message id already accepted is 200 again, counted as a duplicate and stored once")
    void duplicate() throws Exception {
        assertEquals(200, client.deliver("crm", SECRET, "msg_1", EVENT).statusCode());
        HttpResponse<String> again = client.deliver("crm", SECRET, "msg_1", EVENT);
        assertEquals(200, again.statusCode());
        assertTrue(client.body(again).get("duplicate").asBoolean());
        JsonNode list = client.body(client.get("/_sim/webhooks/crm"));
        assertEquals(1, list.get("messages").size());
        assertEquals(1, list.get("duplicates").asInt());
        assertEquals(1, list.at("/messages/0/duplicates").asInt());
    }

    @Test
    @DisplayName("a receiver without a secret is 404; a secret set on the command line or the API must be base64")
    void secrets() throws Exception {
        assertEquals(404, client.deliver("billing", SECRET, "msg_1", EVENT).statusCode());
        assertEquals(400, client.post("/_sim/webhook-secret", "application/json", "{\"name\": \"billing\", \"secret\": \"whsec_***\"}").statusCode());
        assertEquals(400, client.post("/_sim/webhook-secret", "application/json", "{\"name\": \"billing\", \"secret\": \"\"}").statusCode());
        sim.setWebhookSecret("billing", SECRET);
        assertEquals(200, client.deliver("billing", SECRET, "msg_1", EVENT).statusCode());
        assertEquals(405, client.get("/webhooks/billing").statusCode());
    }
}
