package nl.accountlifecycle.targetsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code GET /}: what arrived, HTML-escaped. */
class StatusPageTest {

    TargetSimulator sim;
    TargetClient client;

    @BeforeEach
    void start() throws Exception {
        sim = TargetSimulator.start(0);
        client = new TargetClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    @DisplayName("the page shows an arrived user and webhook id, newest message first, with markup escaped")
    void page() throws Exception {
        client.scim("POST", "/Users", """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "<b>x</b>", "externalId": "kc-7",
                 "name": {"givenName": "Xander", "familyName": "O'Brien"}, "emails": [{"value": "x@corp.test"}], "active": true}""");
        sim.setWebhookSecret("crm", WebhooksTest.SECRET);
        client.deliver("crm", WebhooksTest.SECRET, "msg_first", "{\"type\":\"user.created\"}");
        client.deliver("crm", WebhooksTest.SECRET, "msg_<i>second</i>", "{\"type\":\"user.<script>\"}");
        HttpResponse<String> page = client.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        String html = page.body();
        assertTrue(html.contains("<meta http-equiv=\"refresh\" content=\"5\">"));
        assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;") && !html.contains("<b>x</b>"), html);
        assertTrue(html.contains("Xander O&#39;Brien") && html.contains("x@corp.test") && html.contains("kc-7"), html);
        assertTrue(html.contains("msg_first"), html);
        assertTrue(html.contains("msg_&lt;i&gt;second&lt;/i&gt;") && !html.contains("<i>second"), html);
        assertTrue(html.contains("user.&lt;script&gt;") && !html.contains("<script>"), html);
        assertTrue(html.indexOf("second") < html.indexOf("msg_first"), "newest first");
        assertFalse(html.contains("<script"), "no JavaScript");
    }
}
