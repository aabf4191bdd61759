package nl.accountlifecycle.emailchange;

import com.fasterxml.jackson.annotation.JsonProperty;
import nl.accountlifecycle.support.DeadlineToken;

/**
 * The link an admin-requested email change sends to the NEW address. Bound to the user id, to the new address
 * ({@code email}) and to the change id, which a newer request or a cancel replaces.
 * An expired link still reaches the handler ({@link DeadlineToken}).
 */
public class EmailChangeToken extends DeadlineToken {

    public static final String TOKEN_TYPE = "account-lifecycle-email-change";

    @JsonProperty("cid")
    private String changeId;

    EmailChangeToken(String userId, String newEmail, String changeId, int deadline, String clientId) {
        super(userId, TOKEN_TYPE, newEmail, deadline, clientId);
        this.changeId = changeId;
    }

    /** For JSON deserialization. */
    EmailChangeToken() {
    }

    public String getChangeId() {
        return changeId;
    }
}
