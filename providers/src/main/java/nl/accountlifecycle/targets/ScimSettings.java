package nl.accountlifecycle.targets;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A SCIM target's settings besides its base URL and secret, kept as JSON in {@code AL_TARGET.SETTINGS}.
 * {@code auth}: {@code bearer} (the secret is the token) or {@code client_credentials} (the secret is the client
 * secret of {@code clientId} at {@code tokenUrl}); {@code deleteMode}: what a user deleted in Keycloak becomes in the
 * target, {@code disable} ({@code active: false}) or {@code delete}.
 */
record ScimSettings(String auth, String tokenUrl, String clientId, String deleteMode) {

    static final String BEARER = "bearer";
    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String DISABLE = "disable";
    static final String DELETE = "delete";
    static final ScimSettings DEFAULTS = new ScimSettings(BEARER, null, null, DISABLE);
    private static final ObjectMapper JSON = new ObjectMapper();

    boolean clientCredentials() {
        return CLIENT_CREDENTIALS.equals(auth);
    }

    boolean deletes() {
        return DELETE.equals(deleteMode);
    }

    static ScimSettings parse(String json) {
        if (json == null || json.isBlank()) {
            return DEFAULTS;
        }
        try {
            Map<?, ?> map = JSON.readValue(json, Map.class);
            return new ScimSettings(text(map, "auth", BEARER), text(map, "tokenUrl", null), text(map, "clientId", null),
                    text(map, "deleteMode", DISABLE));
        } catch (IOException e) {
            return DEFAULTS;
        }
    }

    String json() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("auth", auth);
        map.put("tokenUrl", tokenUrl);
        map.put("clientId", clientId);
        map.put("deleteMode", deleteMode);
        try {
            return JSON.writeValueAsString(map);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("auth", auth);
        if (clientCredentials()) {
            view.put("tokenUrl", tokenUrl);
            view.put("clientId", clientId);
        }
        view.put("deleteMode", deleteMode);
        return view;
    }

    private static String text(Map<?, ?> map, String key, String fallback) {
        Object value = map.get(key);
        return value instanceof String s ? s : fallback;
    }
}
