package nl.accountlifecycle.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.Config;
import org.keycloak.common.Version;

/**
 * What differs between the Keycloak lines the one provider jar supports (26.4 up to 26.7), decided once at startup
 * from the running server's version. Each difference that needs the operator's attention is one logged line.
 */
public final class KeycloakLine {

    /** Keycloak's own user-profile option that keeps attributes read-only for admins (a trailing * is a prefix). */
    public static final String ADMIN_READ_ONLY_OPTION =
            "--spi-user-profile--declarative-user-profile--admin-read-only-attributes";
    static final String LIFECYCLE_ATTRIBUTES = "accountLifecycle.*";

    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

    private final int major;
    private final int minor;

    KeycloakLine(String version) {
        Matcher m = VERSION.matcher(version == null ? "" : version);
        if (m.find()) {
            major = Integer.parseInt(m.group(1));
            minor = Integer.parseInt(m.group(2));
        } else {
            // a build without a version (a snapshot of main): treat it as the newest line
            major = Integer.MAX_VALUE;
            minor = 0;
        }
    }

    public static KeycloakLine running() {
        return new KeycloakLine(Version.VERSION);
    }

    boolean before(int wantMajor, int wantMinor) {
        return major < wantMajor || (major == wantMajor && minor < wantMinor);
    }

    /**
     * Before 26.5 the user-profile policy "Only administrators can view" still lets an admin write unmanaged
     * attributes (keycloak#45417, fixed in 26.5), so the lifecycle status would not be read-only in the console.
     */
    boolean adminsCanWriteUnmanagedAttributes() {
        return before(26, 5);
    }

    static boolean coversLifecycleAttributes(String[] patterns) {
        return patterns != null && Arrays.stream(patterns).map(String::strip)
                .anyMatch(p -> p.equals("*") || p.equalsIgnoreCase(LIFECYCLE_ATTRIBUTES) || p.equalsIgnoreCase("accountLifecycle*"));
    }

    /** The lines to log at startup, given the admin-read-only patterns the server was started with. */
    List<String> startupNotes(String version, String[] adminReadOnlyAttributes) {
        List<String> notes = new ArrayList<>();
        if (adminsCanWriteUnmanagedAttributes() && !coversLifecycleAttributes(adminReadOnlyAttributes)) {
            notes.add("account-lifecycle on Keycloak " + version + ": the lifecycle status attributes are not "
                    + "read-only for admins here (keycloak#45417, fixed in 26.5); upgrade, or start Keycloak with "
                    + ADMIN_READ_ONLY_OPTION + "=" + LIFECYCLE_ATTRIBUTES + ", which protects them but hides them "
                    + "from the admin console (the bundle's status API still shows them)");
        }
        return notes;
    }

    /** The lines for the running server and its configuration. */
    public static List<String> startupNotes() {
        String[] patterns = Config.scope("userProfile", "declarative-user-profile").getArray("admin-read-only-attributes");
        return running().startupNotes(Version.VERSION, patterns);
    }
}
