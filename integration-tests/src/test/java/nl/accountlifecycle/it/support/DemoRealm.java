package nl.accountlifecycle.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.util.JsonSerialization;

/**
 * The realm from {@code realm-config/demo-realm.json}, unchanged but for the {@code ${VAR:default}} placeholders,
 * which are resolved the way {@code kc.sh --import-realm} resolves them.
 */
public final class DemoRealm implements RealmConfig {

    public static final String NAME = "demo";
    static final String RESOURCE = "/realm-config/demo-realm.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([^}]*))?}");

    @Override
    public RealmBuilder configure(RealmBuilder ignored) {
        return RealmBuilder.update(load(System.getenv()));
    }

    public static RealmRepresentation load(Map<String, String> env) {
        try (InputStream in = DemoRealm.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            String json = resolvePlaceholders(new String(in.readAllBytes(), StandardCharsets.UTF_8), env);
            return JsonSerialization.readValue(json, RealmRepresentation.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resolvePlaceholders(String text, Map<String, String> env) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.getOrDefault(m.group(1), m.group(2));
            if (value == null) {
                throw new IllegalStateException("no value and no default for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
