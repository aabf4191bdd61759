package nl.accountlifecycle.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** The bundle's own message files, read from the themes jar the server also runs. */
public final class ThemeMessages {

    private ThemeMessages() {
    }

    public static Properties login(String locale) {
        return load("theme/account-lifecycle/login/messages/messages_" + locale + ".properties");
    }

    /** Keycloak's own login messages (its base theme), to tell its bare texts from the bundle's. */
    public static Properties keycloakLogin(String locale) {
        return load("theme/base/login/messages/messages_" + locale + ".properties");
    }

    public static Properties email(String locale) {
        return load("theme/account-lifecycle/email/messages/messages_" + locale + ".properties");
    }

    private static Properties load(String resource) {
        try (InputStream in = ThemeMessages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            Properties props = new Properties();
            props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return props;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text a message renders to when it has no parameters ({@code ''} is a quote in MessageFormat). */
    public static String rendered(Properties messages, String key) {
        String value = messages.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("message " + key + " is missing");
        }
        return value.replace("''", "'");
    }
}
