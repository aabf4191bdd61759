package nl.accountlifecycle.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

class SettingValuesTest {

    static final String KEY = "accountLifecycle.test";

    private final List<String> warnings = new ArrayList<>();
    private final Logger log = Logger.getLogger(SettingValues.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                warnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        log.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(capture);
    }

    private static RealmModel realm(String value) {
        return TestRealm.with(value == null ? Map.of() : Map.of(KEY, value));
    }

    @Test
    @DisplayName("Given no value or a blank one then the default, without a warning")
    void absentIsTheDefaultQuietly() {
        assertEquals(60, SettingValues.atLeast(realm(null), KEY, 0, 60));
        assertEquals(60, SettingValues.atLeast(realm("  "), KEY, 0, 60));
        assertTrue(SettingValues.bool(realm(null), KEY, true));
        assertNull(SettingValues.text(realm(" \t"), KEY));
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    @DisplayName("Given readable values then they are used, trimmed and in any case")
    void readableValues() {
        assertEquals(0, SettingValues.atLeast(realm(" 0 "), KEY, 0, 60));
        assertEquals(120, SettingValues.atLeast(realm("120"), KEY, 1, 60));
        assertFalse(SettingValues.bool(realm("FALSE"), KEY, true));
        assertTrue(SettingValues.bool(realm(" True "), KEY, false));
        assertEquals("confirm", SettingValues.oneOf(realm("Confirm"), KEY, "immediate", "immediate", "confirm"));
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    @DisplayName("Given an unreadable value then the default and one warning naming the realm, the attribute and the value")
    void unreadableIsTheDefaultWithOneWarning() {
        assertEquals(60, SettingValues.atLeast(realm("soon"), KEY, 0, 60));
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals("realm test: " + KEY + "=soon is not a whole number of at least 0; using 60 instead", warnings.get(0));

        assertEquals(60, SettingValues.atLeast(realm("0"), KEY, 1, 60), "below the least");
        assertTrue(SettingValues.bool(realm("yes"), KEY, true));
        assertFalse(SettingValues.bool(realm("1"), KEY, false));
        assertEquals("immediate", SettingValues.oneOf(realm("later"), KEY, "immediate", "immediate", "confirm"));
        assertEquals(60, SettingValues.atLeast(realm("99999999999"), KEY, 0, 60), "too large for an int");
        assertEquals(6, warnings.size(), warnings.toString());
    }

    @Test
    @DisplayName("Given an unknown time zone then Europe/Amsterdam and a warning")
    void timezone() {
        assertEquals(ZoneId.of("Europe/Amsterdam"), LifecycleSettings.of(TestRealm.with(Map.of())).timezone());
        assertEquals(ZoneId.of("UTC"), LifecycleSettings.of(TestRealm.with(Map.of(LifecycleSettings.TIMEZONE, " UTC")))
                .timezone());
        assertEquals(ZoneId.of("Europe/Amsterdam"),
                LifecycleSettings.of(TestRealm.with(Map.of(LifecycleSettings.TIMEZONE, "Mars/Olympus"))).timezone());
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    @DisplayName("Given a frontend URL then it is the link base without a trailing slash; one that is no http(s) URL is passed over")
    void linkBase() {
        assertEquals("https://id.example.org/auth",
                LinkBase.of(TestRealm.with(Map.of(LinkBase.FRONTEND_URL, " https://id.example.org/auth// "))));
        assertEquals("https://id.example.org/auth/",
                LinkBase.uri(TestRealm.with(Map.of(LinkBase.FRONTEND_URL, "https://id.example.org/auth"))).toString());
        assertNull(LinkBase.of(TestRealm.with(Map.of())), "no frontend URL and no --hostname in a unit test");
        assertTrue(warnings.isEmpty(), warnings.toString());
        for (String bad : List.of("id.example.org", "javascript:alert(1)", "https://exa mple.org", "ftp://id.example.org")) {
            assertNull(LinkBase.uri(TestRealm.with(Map.of(LinkBase.FRONTEND_URL, bad))), bad);
        }
        assertEquals(4, warnings.size(), warnings.toString());
    }
}
