package nl.accountlifecycle.support;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.authentication.actiontoken.DefaultActionToken;

/**
 * An emailed link with a deadline of its own. The JWT's expiry is set a grace period after that deadline, so a
 * person who clicks an expired link still reaches the bundle's handler and gets the themed "link expired" page
 * with what to do next, instead of Keycloak's generic error.
 */
public abstract class DeadlineToken extends DefaultActionToken {

    public static final int EXPIRED_PAGE_GRACE_SECONDS = 30 * 24 * 3600;

    @JsonProperty("dl")
    private long deadline;

    protected DeadlineToken(String userId, String type, String email, int deadline, String clientId) {
        super(userId, type, deadline + EXPIRED_PAGE_GRACE_SECONDS, UUID.randomUUID());
        setEmail(email);
        this.deadline = deadline;
        if (clientId != null) {
            issuedFor(clientId);
        }
    }

    /** For JSON deserialization. */
    protected DeadlineToken() {
    }

    /** Epoch seconds after which the link no longer does what it was sent for. */
    public long getDeadline() {
        return deadline;
    }
}
