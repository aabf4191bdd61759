package nl.accountlifecycle.activation;

import com.fasterxml.jackson.annotation.JsonProperty;
import nl.accountlifecycle.support.DeadlineToken;

/**
 * The activation link. Bound to the user id, the email it was sent to and the user's current link id.
 * An expired link still reaches the handler ({@link DeadlineToken}).
 */
public class ActivationToken extends DeadlineToken {

    public static final String TOKEN_TYPE = "account-lifecycle-activation";

    @JsonProperty("lid")
    private String linkId;

    @JsonProperty("rdu")
    private String redirectUri;

    public ActivationToken(String userId, String email, String linkId, int deadline, String clientId, String redirectUri) {
        super(userId, TOKEN_TYPE, email, deadline, clientId);
        this.linkId = linkId;
        this.redirectUri = redirectUri;
    }

    /** For JSON deserialization. */
    ActivationToken() {
    }

    public String getLinkId() {
        return linkId;
    }

    public String getRedirectUri() {
        return redirectUri;
    }
}
