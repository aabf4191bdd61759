package nl.accountlifecycle.odoo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET odoo/config}: the settings as the admin REST shows them, the key never. */
final class OdooConfigView {

    static final List<String> FLAGS = List.of("linkExisting", "syncPhone", "syncMobile", "syncJobTitle", "syncTitle");

    private OdooConfigView() {
    }

    /** The settings as the admin REST shows them: the key only as "set", or by its vault reference. */
    static Map<String, Object> of(OdooSettings s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("enabled", s.enabled());
        view.put("url", s.url());
        view.put("database", s.database());
        view.put("login", s.login());
        view.put("apiKeySet", s.apiKey() != null);
        view.put("apiKeyVault", s.apiKeyInVault() ? s.apiKey() : null);
        view.put("transport", OdooSettingsParser.wire(s.transport()));
        view.put("oauthProviderId", s.oauthProviderId());
        for (String flag : FLAGS) {
            view.put(flag, flag(s, flag));
        }
        view.put("groupMap", s.groupMap());
        view.put("maxAttempts", s.maxAttempts());
        view.put("timeoutSeconds", s.timeoutSeconds());
        return view;
    }

    static boolean flag(OdooSettings s, String flag) {
        return switch (flag) {
            case "linkExisting" -> s.linkExisting();
            case "syncPhone" -> s.syncPhone();
            case "syncMobile" -> s.syncMobile();
            case "syncJobTitle" -> s.syncJobTitle();
            default -> s.syncTitle();
        };
    }
}
