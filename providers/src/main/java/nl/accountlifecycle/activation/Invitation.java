package nl.accountlifecycle.activation;

import java.time.Instant;

/** What an admin asked for when sending an activation link, after validation. */
public record Invitation(String subject, String message, int lifespanSeconds, String clientId, String redirectUri) {

    public static final String DEFAULT_CLIENT = "account-console";

    public static Invitation defaults(int lifespanSeconds) {
        return new Invitation(null, null, lifespanSeconds, DEFAULT_CLIENT, null);
    }

    /** The result of sending: which link is valid now and until when. */
    public record Sent(String userId, String linkId, Instant sentAt, Instant expiresAt) {
    }
}
