package nl.accountlifecycle.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The bundle's name and version, as stamped into the jar at build time.
 * Factories report it through {@code getOperationalInfo()} so admins see which version runs.
 */
public final class BundleInfo {

    static final String RESOURCE = "bundle.properties";

    private static final BundleInfo INSTANCE = load();

    private final String name;
    private final String version;
    private final String builtForKeycloak;

    BundleInfo(String name, String version, String builtForKeycloak) {
        this.name = name;
        this.version = version;
        this.builtForKeycloak = builtForKeycloak;
    }

    public static BundleInfo get() {
        return INSTANCE;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String builtForKeycloak() {
        return builtForKeycloak;
    }

    /** The map every factory returns from {@code getOperationalInfo()}. */
    public Map<String, String> operationalInfo() {
        return Map.of("bundle", name, "version", version, "builtForKeycloak", builtForKeycloak);
    }

    static BundleInfo load() {
        try (InputStream in = BundleInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + " next to " + BundleInfo.class.getName());
            }
            Properties props = new Properties();
            props.load(in);
            return new BundleInfo(
                    required(props, "bundle.name"),
                    required(props, "bundle.version"),
                    required(props, "bundle.keycloakVersion"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static String required(Properties props, String key) {
        String value = props.getProperty(key);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException(RESOURCE + " has no resolved value for " + key);
        }
        return value.trim();
    }
}
