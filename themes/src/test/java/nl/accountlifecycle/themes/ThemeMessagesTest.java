package nl.accountlifecycle.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads the theme resources from the classpath, i.e. exactly what goes into the jar. */
@DisplayName("Given the account-lifecycle themes")
class ThemeMessagesTest {

    static final String THEME = "theme/account-lifecycle/";
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    static final Pattern LONE_QUOTE = Pattern.compile("(?<!')'(?!')");
    static final Pattern MSG_USE = Pattern.compile("msg\\(\"(accountLifecycle\\.[A-Za-z0-9.]+)\"");

    /** Our own keys that pages and mails rely on, per theme type. */
    static final Map<String, List<String>> REQUIRED_OWN_KEYS = Map.of(
            "login", List.of("accountLifecycle.brand.name", "accountLifecycle.brand.tagline",
                    "requiredAction.activate-account", "requiredAction.password-expiry-warning"),
            "email", List.of("accountLifecycle.email.footer", "accountLifecycle.email.signature",
                    "requiredAction.activate-account", "requiredAction.password-expiry-warning"));

    /**
     * Keycloak keys we override: how many arguments Keycloak 26.7 passes (see its base theme
     * templates and messages_en) and which of them our text must show.
     */
    record KeycloakKey(int passed, Set<String> required) {
    }

    static final Map<String, Map<String, KeycloakKey>> KEYCLOAK_KEYS = Map.of(
            "login", Map.ofEntries(
                    Map.entry("loginAccountTitle", new KeycloakKey(0, Set.of())),
                    Map.entry("confirmExecutionOfActions", new KeycloakKey(0, Set.of())),
                    Map.entry("invalidRequestMessage", new KeycloakKey(0, Set.of())),
                    Map.entry("invalidCodeMessage", new KeycloakKey(0, Set.of())),
                    Map.entry("expiredActionMessage", new KeycloakKey(0, Set.of())),
                    Map.entry("expiredActionTokenSessionExistsMessage", new KeycloakKey(0, Set.of())),
                    Map.entry("loginTitle", new KeycloakKey(1, Set.of())),
                    Map.entry("doForgotPassword", new KeycloakKey(0, Set.of())),
                    Map.entry("updatePasswordTitle", new KeycloakKey(0, Set.of())),
                    Map.entry("updatePasswordMessage", new KeycloakKey(0, Set.of())),
                    Map.entry("invalidPasswordMinLengthMessage", new KeycloakKey(1, Set.of("0"))),
                    Map.entry("invalidPasswordMaxLengthMessage", new KeycloakKey(1, Set.of("0"))),
                    Map.entry("invalidPasswordMinDigitsMessage", new KeycloakKey(1, Set.of("0"))),
                    Map.entry("invalidPasswordMinLowerCaseCharsMessage", new KeycloakKey(1, Set.of("0"))),
                    Map.entry("invalidPasswordMinUpperCaseCharsMessage", new KeycloakKey(1, Set.of("0"))),
                    Map.entry("invalidPasswordMinSpecialCharsMessage", new KeycloakKey(1, Set.of("0"))),
                    Map.entry("invalidPasswordNotUsernameMessage", new KeycloakKey(0, Set.of())),
                    Map.entry("invalidPasswordNotEmailMessage", new KeycloakKey(0, Set.of())),
                    Map.entry("invalidPasswordHistoryMessage", new KeycloakKey(1, Set.of("0"))),
                    Map.entry("emailVerifyTitle", new KeycloakKey(0, Set.of())),
                    Map.entry("emailVerifyInstruction1", new KeycloakKey(1, Set.of("0"))),
                    Map.entry("emailVerifyInstruction4", new KeycloakKey(1, Set.of("0"))),
                    Map.entry("emailVerifySendCooldown", new KeycloakKey(1, Set.of("0"))),
                    Map.entry("emailUpdateConfirmationSent", new KeycloakKey(1, Set.of("0"))),
                    Map.entry("emailUpdated", new KeycloakKey(1, Set.of("0")))),
            "email", Map.ofEntries(
                    Map.entry("emailVerificationSubject", new KeycloakKey(0, Set.of())),
                    Map.entry("emailVerificationBody", new KeycloakKey(4, Set.of("0", "3"))),
                    Map.entry("emailVerificationBodyHtml", new KeycloakKey(4, Set.of("0", "3"))),
                    Map.entry("passwordResetSubject", new KeycloakKey(0, Set.of())),
                    Map.entry("passwordResetBody", new KeycloakKey(4, Set.of("0", "3"))),
                    Map.entry("passwordResetBodyHtml", new KeycloakKey(4, Set.of("0", "3"))),
                    Map.entry("executeActionsSubject", new KeycloakKey(0, Set.of())),
                    Map.entry("executeActionsBody", new KeycloakKey(5, Set.of("0", "3", "4"))),
                    Map.entry("executeActionsBodyHtml", new KeycloakKey(5, Set.of("0", "3", "4"))),
                    Map.entry("emailUpdateConfirmationSubject", new KeycloakKey(0, Set.of())),
                    Map.entry("emailUpdateConfirmationBody", new KeycloakKey(4, Set.of("0", "1", "3"))),
                    Map.entry("emailUpdateConfirmationBodyHtml", new KeycloakKey(4, Set.of("0", "1", "3"))),
                    Map.entry("linkExpirationFormatter.timePeriodUnit.hours", new KeycloakKey(1, Set.of()))));

    @Nested
    @DisplayName("when the Dutch and English messages are compared")
    class Messages {

        @ParameterizedTest(name = "{0} theme")
        @ValueSource(strings = {"login", "email"})
        @DisplayName("Given both languages then they define exactly the same keys")
        void sameKeySet(String type) {
            assertEquals(new TreeSet<>(load(type, "nl").stringPropertyNames()),
                    new TreeSet<>(load(type, "en").stringPropertyNames()), type + ": nl and en keys differ");
        }

        @ParameterizedTest(name = "{0} theme")
        @ValueSource(strings = {"login", "email"})
        @DisplayName("Given our namespaced keys then every accountLifecycle key, and the ones pages rely on, exists in both")
        void ownKeysInBoth(String type) {
            Properties nl = load(type, "nl");
            Properties en = load(type, "en");
            Set<String> own = new TreeSet<>(REQUIRED_OWN_KEYS.get(type));
            Stream.concat(nl.stringPropertyNames().stream(), en.stringPropertyNames().stream())
                    .filter(k -> k.startsWith("accountLifecycle.")).forEach(own::add);
            for (String key : own) {
                assertTrue(nl.containsKey(key), type + " nl lacks " + key);
                assertTrue(en.containsKey(key), type + " en lacks " + key);
            }
        }

        @ParameterizedTest(name = "{0} theme")
        @ValueSource(strings = {"login", "email"})
        @DisplayName("Given any message then its value is not empty")
        void noEmptyValues(String type) {
            for (String locale : List.of("nl", "en")) {
                Properties props = load(type, locale);
                for (String key : props.stringPropertyNames()) {
                    assertFalse(props.getProperty(key).isBlank(), type + " " + locale + " " + key + " is empty");
                }
            }
        }

        @ParameterizedTest(name = "{0} theme")
        @ValueSource(strings = {"login", "email"})
        @DisplayName("Given a message in both languages then both use the same placeholders")
        void samePlaceholders(String type) {
            Properties nl = load(type, "nl");
            Properties en = load(type, "en");
            for (String key : nl.stringPropertyNames()) {
                if (en.containsKey(key)) {
                    assertEquals(placeholders(nl.getProperty(key)), placeholders(en.getProperty(key)),
                            type + " placeholders of " + key);
                }
            }
        }

        @ParameterizedTest(name = "{0} theme")
        @ValueSource(strings = {"login", "email"})
        @DisplayName("Given Keycloak's keys we override then they are all there and use only, and at least, the arguments Keycloak passes")
        void keycloakKeysKeepTheirParameters(String type) {
            for (String locale : List.of("nl", "en")) {
                Properties props = load(type, locale);
                KEYCLOAK_KEYS.get(type).forEach((key, expected) -> {
                    String value = props.getProperty(key);
                    assertNotNull(value, type + " " + locale + " lacks " + key);
                    Set<String> used = placeholders(value);
                    for (String index : used) {
                        assertTrue(Integer.parseInt(index) < expected.passed(),
                                type + " " + locale + " " + key + " uses {" + index + "}, Keycloak passes " + expected.passed());
                    }
                    assertTrue(used.containsAll(expected.required()),
                            type + " " + locale + " " + key + " must show " + expected.required() + ", uses " + used);
                });
            }
        }

        @ParameterizedTest(name = "{0} theme")
        @ValueSource(strings = {"login", "email"})
        @DisplayName("Given Keycloak formats every message with MessageFormat then each parses and writes a quote as ''")
        void validMessageFormat(String type) {
            for (String locale : List.of("nl", "en")) {
                Properties props = load(type, locale);
                for (String key : props.stringPropertyNames()) {
                    String value = props.getProperty(key);
                    try {
                        new MessageFormat(value);
                    } catch (IllegalArgumentException e) {
                        fail(type + " " + locale + " " + key + " is not a valid MessageFormat: " + e.getMessage());
                    }
                    assertFalse(LONE_QUOTE.matcher(value).find(),
                            type + " " + locale + " " + key + " has a single ' that MessageFormat would swallow: " + value);
                }
            }
        }

        @Test
        @DisplayName("Given a link valid for 12 hours then the Dutch mail says \"12 uur\", not \"12 12 uur\"")
        void dutchHoursUnitDoesNotRepeatTheNumber() {
            // Keycloak's formatter writes the number itself, then this unit formatted with the same number.
            String unit = load("email", "nl").getProperty("linkExpirationFormatter.timePeriodUnit.hours");
            assertEquals("12 uur", 12 + " " + new MessageFormat(unit).format(new Object[] {12}));
            assertEquals("1 uur", 1 + " " + new MessageFormat(unit).format(new Object[] {1}));
        }

        @ParameterizedTest(name = "{0} theme")
        @ValueSource(strings = {"login", "email"})
        @DisplayName("Given a counted thing then no text writes a plural as \"(s)\"")
        void noParenthesisedPlurals(String type) {
            for (String locale : List.of("nl", "en")) {
                Properties props = load(type, locale);
                for (String key : props.stringPropertyNames()) {
                    assertFalse(props.getProperty(key).contains("(s)"), type + " " + locale + " " + key + ": " + props.getProperty(key));
                }
            }
        }

        @Test
        @DisplayName("Given a password rule with a number then it has a text for exactly one, without the number as a parameter")
        void countedRulesHaveASingular() {
            for (String locale : List.of("nl", "en")) {
                Properties login = load("login", locale);
                for (String rule : List.of("length", "maxLength", "digits", "lowerCase", "upperCase", "specialChars", "passwordHistory")) {
                    String key = "accountLifecycle.password.rule." + rule;
                    assertTrue(placeholders(login.getProperty(key)).contains("0"), locale + " " + key + " shows the number");
                    assertNotNull(login.getProperty(key + ".one"), locale + " lacks " + key + ".one");
                    assertTrue(placeholders(login.getProperty(key + ".one")).isEmpty(), locale + " " + key + ".one");
                }
            }
            assertEquals("minimaal 1 cijfer", load("login", "nl").getProperty("accountLifecycle.password.rule.digits.one"));
            assertEquals("minimaal {0} cijfers", load("login", "nl").getProperty("accountLifecycle.password.rule.digits"));
        }

        @Test
        @DisplayName("Given the login texts then Dutch is translated, not English")
        void dutchIsTranslated() {
            Properties nl = load("login", "nl");
            Properties en = load("login", "en");
            List<String> same = nl.stringPropertyNames().stream()
                    .filter(k -> nl.getProperty(k).equals(en.getProperty(k)) && nl.getProperty(k).length() > 12)
                    .sorted().toList();
            assertEquals(List.of(), same, "long texts identical in nl and en are untranslated");
        }
    }

    @Nested
    @DisplayName("when the templates are read")
    class Templates {

        @ParameterizedTest(name = "{0} theme")
        @ValueSource(strings = {"login", "email"})
        @DisplayName("Given a template then every accountLifecycle message it uses exists in both languages")
        void templatesUseDefinedKeys(String type) throws IOException {
            Properties nl = load(type, "nl");
            Properties en = load(type, "en");
            Set<String> used = new TreeSet<>();
            try (Stream<Path> files = Files.walk(resourceDir(THEME + type))) {
                for (Path ftl : files.filter(p -> p.toString().endsWith(".ftl")).toList()) {
                    Matcher m = MSG_USE.matcher(Files.readString(ftl));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
            assertFalse(used.isEmpty(), type + " templates use the bundle's messages");
            for (String key : used) {
                assertTrue(nl.containsKey(key), type + " nl lacks " + key);
                assertTrue(en.containsKey(key), type + " en lacks " + key);
            }
        }

        @Test
        @DisplayName("Given the mails then each comes as HTML and text, and both parts use the one layout")
        void mailsUseTheLayout() throws IOException {
            Path html = resourceDir(THEME + "email/html");
            Path text = resourceDir(THEME + "email/text");
            List<String> mails;
            try (Stream<Path> files = Files.list(html)) {
                mails = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("template.ftl")).sorted().toList();
            }
            assertTrue(mails.containsAll(List.of("account-lifecycle-activation.ftl", "executeActions.ftl", "password-reset.ftl",
                    "email-verification.ftl", "email-update-confirmation.ftl")), "Keycloak's own mails are overridden: " + mails);
            for (String mail : mails) {
                assertTrue(Files.readString(html.resolve(mail)).contains("<@layout.emailLayout>"), "html/" + mail + " uses the layout");
                assertTrue(Files.exists(text.resolve(mail)), "text/" + mail + " exists");
                String plain = Files.readString(text.resolve(mail));
                assertTrue(plain.startsWith("<#ftl output_format=\"plainText\">"), "text/" + mail + " is plain text");
                assertTrue(plain.contains("<@layout.textLayout>"), "text/" + mail + " ends with the signature and footer");
            }
        }

        @Test
        @DisplayName("Given the login theme then it keeps keycloak.v2's page frame instead of a copied template.ftl")
        void noCopiedLoginFrame() {
            assertEquals(null, ThemeMessagesTest.class.getClassLoader().getResource(THEME + "login/template.ftl"));
        }
    }

    @Nested
    @DisplayName("when Keycloak discovers the themes")
    class Declarations {

        @Test
        @DisplayName("Given keycloak-themes.json then it lists account-lifecycle with login and email")
        void themesJson() {
            String json = read("META-INF/keycloak-themes.json");
            Matcher m = Pattern.compile("\\{\\s*\"name\"\\s*:\\s*\"account-lifecycle\"\\s*,\\s*\"types\"\\s*:\\s*\\[([^]]*)]")
                    .matcher(json);
            assertTrue(m.find(), "account-lifecycle with its types: " + json);
            Set<String> types = Arrays.stream(m.group(1).split(","))
                    .map(t -> t.trim().replace("\"", "")).collect(Collectors.toSet());
            assertEquals(Set.of("login", "email"), types);
        }

        @Test
        @DisplayName("Given the login theme.properties then it extends keycloak.v2, keeps the parent's stylesheet and adds ours")
        void loginThemeProperties() {
            Properties login = properties(THEME + "login/theme.properties");
            assertEquals("keycloak.v2", login.getProperty("parent"));
            assertEquals("common/keycloak", login.getProperty("import"));
            assertEquals(Set.of("nl", "en"), Set.of(login.getProperty("locales").split(",")));
            List<String> styles = List.of(login.getProperty("styles", "").trim().split("\\s+"));
            assertEquals("css/styles.css", styles.get(0), "keycloak.v2's own stylesheet comes first");
            assertEquals("css/account-lifecycle.css", styles.get(styles.size() - 1), "ours comes last");
            assertNotNull(ThemeMessagesTest.class.getClassLoader()
                    .getResource(THEME + "login/resources/css/account-lifecycle.css"), "the stylesheet exists");
            assertEquals("account-lifecycle-theme==account-lifecycle", login.getProperty("meta"));
        }

        @Test
        @DisplayName("Given the email theme.properties then it extends keycloak in Dutch and English")
        void emailThemeProperties() {
            Properties email = properties(THEME + "email/theme.properties");
            assertEquals("keycloak", email.getProperty("parent"));
            assertEquals(Set.of("nl", "en"), Set.of(email.getProperty("locales").split(",")));
        }
    }

    static Properties load(String type, String locale) {
        return properties(THEME + type + "/messages/messages_" + locale + ".properties");
    }

    static Properties properties(String resource) {
        Properties props = new Properties();
        try (InputStream in = open(resource)) {
            props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    static String read(String resource) {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream open(String resource) {
        InputStream in = ThemeMessagesTest.class.getClassLoader().getResourceAsStream(resource);
        assertNotNull(in, resource + " is not on the classpath");
        return in;
    }

    static Path resourceDir(String resource) {
        URL url = ThemeMessagesTest.class.getClassLoader().getResource(resource);
        assertNotNull(url, resource + " is not on the classpath");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
