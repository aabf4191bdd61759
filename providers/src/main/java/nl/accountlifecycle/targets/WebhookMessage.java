package nl.accountlifecycle.targets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.accountlifecycle.support.KeycloakTables;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A webhook's body (schema version {@value #SCHEMA_VERSION}, documented in the README) and its signature as the
 * Standard Webhooks specification defines it: {@code webhook-signature: v1,<base64 HMAC-SHA256>} over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the bytes of a {@code whsec_<base64>} secret.
 */
record WebhookMessage(String id, long timestamp, String body) {

    static final int SCHEMA_VERSION = 1;
    static final String SECRET_PREFIX = "whsec_";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The user attributes a message carries, when set. */
    static final List<String> ATTRIBUTES = List.of("infix", "title", "phone", "mobile", "jobTitle");

    /** The message for one delivery row; {@code user} is null when the user is gone. */
    static WebhookMessage of(DeliveryEntity row, RealmModel realm, KeycloakTables.UserRow user, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("change", row.getChangeKind());
        data.put("realm", realm.getName());
        data.put("user", user == null ? Map.of("id", row.getUserId(), "deleted", true) : user(user));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", user == null ? "user.deleted" : "created".equals(row.getChangeKind()) ? "user.created" : "user.updated");
        body.put("schemaVersion", SCHEMA_VERSION);
        body.put("timestamp", now.toString());
        body.put("data", data);
        try {
            return new WebhookMessage(row.getId(), now.getEpochSecond(), JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> user(KeycloakTables.UserRow user) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", user.id());
        u.put("username", user.username());
        u.put("email", user.email());
        u.put("emailVerified", user.emailVerified());
        u.put("firstName", user.firstName());
        u.put("lastName", user.lastName());
        for (String name : ATTRIBUTES) {
            u.put(name, user.attributes().get(name));
        }
        u.put("enabled", user.enabled());
        u.put("groups", user.groups().stream().sorted().toList());
        return u;
    }

    /** A user of a federated store, which the bulk read does not find, as a row. */
    static KeycloakTables.UserRow row(UserModel user) {
        Map<String, String> attributes = new java.util.HashMap<>();
        for (String name : ATTRIBUTES) {
            String value = user.getFirstAttribute(name);
            if (value != null) {
                attributes.put(name, value);
            }
        }
        return new KeycloakTables.UserRow(user.getId(), user.getEmail(), user.getFirstName(), user.getLastName(),
                user.isEnabled(), attributes, user.getGroupsStream().map(GroupModel::getName).toList(), user.getUsername(),
                user.isEmailVerified());
    }

    /** The {@code webhook-signature} header's value for this message. */
    String signature(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key bytes of a {@code whsec_} secret; an error names what is wrong, never the secret. */
    static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("the secret must start with " + SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret must be " + SECRET_PREFIX + " followed by base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("the secret's key must be 24 to 64 bytes long, got " + key.length);
        }
        return key;
    }

    /** A new secret of 32 random bytes. */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }
}
