package nl.accountlifecycle.activation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.keycloak.models.UserModel;

/** The JSON shape of one user's activation status in the admin API. */
final class ActivationView {

    private ActivationView() {
    }

    static Map<String, Object> of(UserModel user, Instant now) {
        return of(user.getId(), user.getUsername(), user.getEmail(), user.getFirstName(), user.getLastName(),
                user.isEnabled(), user::getFirstAttribute, now);
    }

    /** The same shape from the user's columns and an attribute lookup, for a list read without user models. */
    static Map<String, Object> of(String id, String username, String email, String firstName, String lastName,
                                  boolean enabled, UnaryOperator<String> attribute, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("userId", id);
        view.put("username", username);
        view.put("email", email);
        view.put("firstName", firstName);
        view.put("infix", attribute.apply("infix"));
        view.put("lastName", lastName);
        view.put("enabled", enabled);
        view.put("status", ActivationState.status(attribute.apply(ActivationState.STATUS),
                attribute.apply(ActivationState.EXPIRES_AT), now).wire());
        view.put("sentAt", attribute.apply(ActivationState.SENT_AT));
        view.put("expiresAt", attribute.apply(ActivationState.EXPIRES_AT));
        view.put("activatedAt", attribute.apply(ActivationState.ACTIVATED_AT));
        view.put("lastError", attribute.apply(ActivationState.LAST_ERROR));
        return view;
    }
}
