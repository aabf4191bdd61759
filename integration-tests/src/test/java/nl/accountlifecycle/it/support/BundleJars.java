package nl.accountlifecycle.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.provider.Spi;
import org.keycloak.util.JsonSerialization;

/**
 * What the bundle's jars declare, read from the jars the server also runs: the providers in the providers jar's
 * {@code META-INF/services}, and the themes in the themes jar's {@code META-INF/keycloak-themes.json}.
 */
public final class BundleJars {

    private static final String PACKAGE = "nl.accountlifecycle.";
    private static final String THEME_MARKER = "theme/account-lifecycle/login/theme.properties";

    /** A provider as its jar registers it: the SPI name the server lists it under, its id, and whether it reports info. */
    public record Registered(String spi, String id, String factoryClass, boolean reportsInfo) {

        @Override
        public String toString() {
            return spi + "/" + id + " (" + factoryClass + ")";
        }
    }

    private BundleJars() {
    }

    /** Every factory of the bundle named in a {@code META-INF/services} file of an SPI Keycloak knows, with its id. */
    public static List<Registered> registeredProviders() {
        ClassLoader loader = BundleJars.class.getClassLoader();
        List<Registered> result = new ArrayList<>();
        for (Map.Entry<Class<?>, String> spi : spisByFactoryClass().entrySet()) {
            for (String factoryClass : bundleEntries(loader, "META-INF/services/" + spi.getKey().getName())) {
                ProviderFactory<?> factory = instantiate(loader, factoryClass);
                result.add(new Registered(spi.getValue(), factory.getId(), factoryClass, factory instanceof ServerInfoAwareProviderFactory));
            }
        }
        return result;
    }

    /** The themes the themes jar declares, by name, with their types. */
    public static Map<String, List<String>> declaredThemes() {
        URL marker = BundleJars.class.getClassLoader().getResource(THEME_MARKER);
        if (marker == null) {
            throw new IllegalStateException("the themes jar is not on the test classpath");
        }
        String base = marker.toString().substring(0, marker.toString().length() - THEME_MARKER.length());
        try (InputStream in = new URL(base + "META-INF/keycloak-themes.json").openStream()) {
            Map<String, List<Map<String, Object>>> json = JsonSerialization.readValue(in, new TypeReference<>() { });
            Map<String, List<String>> themes = new LinkedHashMap<>();
            for (Map<String, Object> theme : json.get("themes")) {
                @SuppressWarnings("unchecked")
                List<String> types = (List<String>) theme.get("types");
                themes.put((String) theme.get("name"), types);
            }
            return themes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keycloak's SPIs on the test classpath (the server's own jars), by the factory interface their services file is named after. */
    private static Map<Class<?>, String> spisByFactoryClass() {
        Map<Class<?>, String> spis = new LinkedHashMap<>();
        ServiceLoader.load(Spi.class, BundleJars.class.getClassLoader()).stream().forEach(provider -> {
            try {
                Spi spi = provider.get();
                spis.put(spi.getProviderFactoryClass(), spi.getName());
            } catch (RuntimeException | LinkageError notLoadableHere) {
                // an SPI of a server module this test does not need; the bundle's SPIs are all in server-spi and services
            }
        });
        return spis;
    }

    private static List<String> bundleEntries(ClassLoader loader, String resource) {
        List<String> entries = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(resource))) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    in.lines().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> l.startsWith(PACKAGE)).forEach(entries::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static ProviderFactory<?> instantiate(ClassLoader loader, String factoryClass) {
        try {
            return (ProviderFactory<?>) Class.forName(factoryClass, true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot create " + factoryClass + " to read its id", e);
        }
    }
}
