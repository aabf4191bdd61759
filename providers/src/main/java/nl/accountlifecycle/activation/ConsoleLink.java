package nl.accountlifecycle.activation;

import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.sessions.AuthenticationSessionModel;

/** An "Activate account" link the admin console sent (Keycloak's execute-actions token), as the activation page checks it. */
final class ConsoleLink {

    private ConsoleLink() {
    }

    /** The execute-actions token that opened this flow, read from the auth session (its signature was checked on open). */
    static JsonWebToken token(AuthenticationSessionModel authSession) {
        String tokenString = authSession.getAuthNote(Constants.KEY);
        if (tokenString == null) {
            return null;
        }
        try {
            return new JWSInput(tokenString).readJsonContent(JsonWebToken.class);
        } catch (JWSInputException e) {
            return null;
        }
    }

    /**
     * Whether the execute-actions token that started this flow is older than the user's latest activation mail.
     * Keycloak's action tokens carry no issue time, but each expires a fixed lifespan after it was made, and the
     * bundle records the expiry of every link it knows of: a token that expires before the latest one is older.
     */
    static boolean isOlderThanLastSend(JsonWebToken token, UserModel user) {
        String expiresAt = user.getFirstAttribute(ActivationState.EXPIRES_AT);
        if (token == null || expiresAt == null) {
            return false;
        }
        Long exp = token.getExp();
        // one second of slack: the token and the record are made in the same request
        return exp != null && exp < ActivationState.parseInstant(expiresAt).getEpochSecond() - 1;
    }
}
