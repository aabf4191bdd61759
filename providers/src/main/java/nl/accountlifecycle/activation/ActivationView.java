package nl.accountlifecycle.activation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.models.UserModel;

/** The JSON shape of one user's activation status in the admin API. */
final class ActivationView {

    private ActivationView() {
    }

    static Map<String, Object> of(UserModel user, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("userId", user.getId());
        view.put("username", user.getUsername());
        view.put("email", user.getEmail());
        view.put("firstName", user.getFirstName());
        view.put("infix", user.getFirstAttribute("infix"));
        view.put("lastName", user.getLastName());
        view.put("enabled", user.isEnabled());
        view.put("status", ActivationState.status(user, now).wire());
        view.put("sentAt", user.getFirstAttribute(ActivationState.SENT_AT));
        view.put("expiresAt", user.getFirstAttribute(ActivationState.EXPIRES_AT));
        view.put("activatedAt", user.getFirstAttribute(ActivationState.ACTIVATED_AT));
        view.put("lastError", user.getFirstAttribute(ActivationState.LAST_ERROR));
        return view;
    }
}
