package nl.accountlifecycle.activation;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.authentication.actiontoken.DefaultActionToken;

/**
 * The activation link. Bound to the user id, the email it was sent to and the user's current link id.
 * <p>
 * The JWT's own expiry is set a grace period after the activation deadline ({@link #getDeadline()}), so that a
 * user who clicks an expired link reaches our handler and gets the themed "link expired" page instead of
 * Keycloak's generic error.
 */
public class ActivationToken extends DefaultActionToken {

    public static final String TOKEN_TYPE = "account-lifecycle-activation";
    static final int EXPIRED_PAGE_GRACE_SECONDS = 30 * 24 * 3600;

    @JsonProperty("lid")
    private String linkId;

    @JsonProperty("dl")
    private long deadline;

    @JsonProperty("rdu")
    private String redirectUri;

    public ActivationToken(String userId, String email, String linkId, int deadline, String clientId, String redirectUri) {
        super(userId, TOKEN_TYPE, deadline + EXPIRED_PAGE_GRACE_SECONDS, UUID.randomUUID());
        setEmail(email);
        this.linkId = linkId;
        this.deadline = deadline;
        this.redirectUri = redirectUri;
        issuedFor(clientId);
    }

    /** For JSON deserialization. */
    ActivationToken() {
    }

    public String getLinkId() {
        return linkId;
    }

    /** Epoch seconds after which the link no longer activates the account. */
    public long getDeadline() {
        return deadline;
    }

    public String getRedirectUri() {
        return redirectUri;
    }
}
