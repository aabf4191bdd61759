package nl.accountlifecycle.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThemeMessagesTest {

    static final Path THEME = Path.of("src/main/resources/theme/account-lifecycle");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    static final Pattern MSG_USE = Pattern.compile("msg\\(\"(accountLifecycle\\.[A-Za-z0-9.]+)\"");

    static Properties load(String type, String locale) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(THEME.resolve(type + "/messages/messages_" + locale + ".properties"))) {
            props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return props;
    }

    @ParameterizedTest(name = "{0} theme")
    @ValueSource(strings = {"login", "email"})
    @DisplayName("Given the Dutch and English messages then both define the same keys, none empty, with the same placeholders")
    void sameKeysAndPlaceholders(String type) throws IOException {
        Properties nl = load(type, "nl");
        Properties en = load(type, "en");

        assertEquals(new TreeSet<>(nl.stringPropertyNames()), new TreeSet<>(en.stringPropertyNames()), type + ": nl and en keys differ");
        for (String key : nl.stringPropertyNames()) {
            assertFalse(nl.getProperty(key).isBlank(), "nl " + key + " is empty");
            assertFalse(en.getProperty(key).isBlank(), "en " + key + " is empty");
            assertEquals(placeholders(nl.getProperty(key)), placeholders(en.getProperty(key)), type + " placeholders of " + key);
        }
    }

    @ParameterizedTest(name = "{0} theme")
    @ValueSource(strings = {"login", "email"})
    @DisplayName("Given the templates then every accountLifecycle message they use exists in both languages")
    void templatesUseDefinedKeys(String type) throws IOException {
        Properties nl = load(type, "nl");
        Properties en = load(type, "en");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(THEME.resolve(type))) {
            for (Path ftl : files.filter(p -> p.toString().endsWith(".ftl")).toList()) {
                Matcher m = MSG_USE.matcher(Files.readString(ftl));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertFalse(used.isEmpty() && type.equals("login"), "the login templates use bundle messages");
        for (String key : used) {
            assertTrue(nl.containsKey(key), "nl lacks " + key);
            assertTrue(en.containsKey(key), "en lacks " + key);
        }
    }

    @Test
    @DisplayName("Given the theme jar then keycloak-themes.json and theme.properties declare login on keycloak.v2 and email on keycloak")
    void themeDeclarations() throws IOException {
        String json = Files.readString(Path.of("src/main/resources/META-INF/keycloak-themes.json"));
        assertTrue(json.contains("\"account-lifecycle\""), json);
        assertTrue(json.contains("\"login\"") && json.contains("\"email\""), json);

        Properties login = new Properties();
        try (InputStream in = Files.newInputStream(THEME.resolve("login/theme.properties"))) {
            login.load(in);
        }
        assertEquals("keycloak.v2", login.getProperty("parent"));
        assertTrue(login.getProperty("styles").contains("css/account-lifecycle.css"));
        assertTrue(login.getProperty("styles").contains("css/styles.css"), "the parent's stylesheet is kept");
        assertEquals(Set.of("nl", "en"), Set.of(login.getProperty("locales").split(",")));

        Properties email = new Properties();
        try (InputStream in = Files.newInputStream(THEME.resolve("email/theme.properties"))) {
            email.load(in);
        }
        assertEquals("keycloak", email.getProperty("parent"));
    }

    @Test
    @DisplayName("Given the message files then each accountLifecycle key is namespaced and Dutch is not English")
    void dutchIsTranslated() throws IOException {
        Properties nl = load("login", "nl");
        Properties en = load("login", "en");
        long same = nl.stringPropertyNames().stream()
                .filter(k -> nl.getProperty(k).equals(en.getProperty(k)) && nl.getProperty(k).length() > 12).count();
        assertEquals(0, same, "long texts identical in nl and en are untranslated");
    }

    static Set<String> placeholders(String message) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(message);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
