package nl.accountlifecycle.emailchange;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.authentication.actiontoken.DefaultActionToken;

/**
 * The link an admin-requested email change sends to the NEW address. Bound to the user id, to the new address
 * ({@code email}) and to the change id, which a newer request or a cancel replaces.
 * <p>
 * Like the activation link, the JWT expires a grace period after the real deadline ({@link #getDeadline()}),
 * so an expired link still reaches the handler and gets the themed "expired" page.
 */
public class EmailChangeToken extends DefaultActionToken {

    public static final String TOKEN_TYPE = "account-lifecycle-email-change";
    static final int EXPIRED_PAGE_GRACE_SECONDS = 30 * 24 * 3600;

    @JsonProperty("cid")
    private String changeId;

    @JsonProperty("dl")
    private long deadline;

    EmailChangeToken(String userId, String newEmail, String changeId, int deadline, String clientId) {
        super(userId, TOKEN_TYPE, deadline + EXPIRED_PAGE_GRACE_SECONDS, UUID.randomUUID());
        setEmail(newEmail);
        this.changeId = changeId;
        this.deadline = deadline;
        if (clientId != null) {
            issuedFor(clientId);
        }
    }

    /** For JSON deserialization. */
    EmailChangeToken() {
    }

    public String getChangeId() {
        return changeId;
    }

    /** Epoch seconds after which the link no longer changes the address. */
    public long getDeadline() {
        return deadline;
    }
}
