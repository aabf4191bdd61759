package nl.accountlifecycle.password;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.Theme;

/**
 * {@code /realms/{realm}/account-lifecycle/password-rules?locale=nl}: the realm's password rules with their
 * texts, for the checklist on Keycloak's own password pages (update password, reset after forgot-password).
 * The policy is no secret: every password page states it.
 */
public final class PasswordRulesResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    public PasswordRulesResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response rules(@QueryParam("locale") String requested) throws IOException {
        Locale locale = realm.getSupportedLocalesStream().anyMatch(l -> l.equals(requested))
                ? Locale.forLanguageTag(requested)
                : Locale.forLanguageTag(realm.getDefaultLocale() == null ? "en" : realm.getDefaultLocale());
        Properties messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
        String policy = realm.getPasswordPolicy() == null ? null : realm.getPasswordPolicy().toString();
        String serverNote = messages.getProperty("accountLifecycle.password.rule.serverChecked", "");
        List<Map<String, String>> body = PasswordRules.fromPolicy(policy).stream().map(rule -> {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("id", rule.id());
            item.put("check", rule.check());
            item.put("parameter", rule.parameter() == null ? "" : rule.parameter());
            String pattern = messages.getProperty(rule.messageKey(), rule.messageKey());
            item.put("label", new MessageFormat(pattern, locale).format(new Object[] {rule.parameter()}));
            item.put("note", rule.checkedInBrowser() ? "" : serverNote);
            return item;
        }).toList();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(body).cacheControl(noStore).build();
    }
}
