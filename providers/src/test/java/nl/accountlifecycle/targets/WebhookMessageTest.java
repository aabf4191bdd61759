package nl.accountlifecycle.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.Test;

class WebhookMessageTest {

    @Test
    void signsAsTheSpecificationsExample() {
        // the example of the Standard Webhooks specification (and of its reference libraries' tests)
        WebhookMessage message = new WebhookMessage("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", message.signature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    }

    @Test
    void theReferenceLibraryVerifiesANewSecretsSignatureAndRefusesATamperedBody() throws Exception {
        String secret = WebhookMessage.newSecret();
        long now = System.currentTimeMillis() / 1000;
        WebhookMessage message = new WebhookMessage("4f1c2d9e-0000-4000-8000-000000000001", now, "{\"type\":\"user.created\",\"naam\":\"Zoë\"}");
        Map<String, List<String>> headers = Map.of("webhook-id", List.of(message.id()),
                "webhook-timestamp", List.of(Long.toString(now)), "webhook-signature", List.of(message.signature(secret)));
        new Webhook(secret).verify(message.body(), headers);
        assertThrows(WebhookVerificationException.class, () -> new Webhook(secret).verify(message.body() + " ", headers));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(WebhookMessage.newSecret()).verify(message.body(), headers));
    }

    @Test
    void aSecretMustBeAWhsecKeyOf24To64Bytes() {
        assertEquals(32, WebhookMessage.key(WebhookMessage.newSecret()).length);
        assertThrows(IllegalArgumentException.class, () -> WebhookMessage.key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertThrows(IllegalArgumentException.class, () -> WebhookMessage.key("whsec_not base64!"));
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class, () -> WebhookMessage.key("whsec_c2hvcnQ="));
        assertTrue(shortKey.getMessage().contains("24 to 64 bytes"), shortKey.getMessage());
        assertFalse(shortKey.getMessage().contains("c2hvcnQ"), "the message never shows the secret");
    }
}
