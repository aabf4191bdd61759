package nl.accountlifecycle.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.keycloak.Config;
import org.keycloak.models.RealmModel;

/**
 * The base URL of links in mails that are not sent in answer to the user's own request: the realm's frontend
 * URL, else the hostname Keycloak was configured with ({@code --hostname}), else none. Never the request's
 * {@code Host} header, which whoever sends the request chooses. A value that is not an absolute http(s) URL is
 * passed over with a warning in the log, as if it were not set.
 */
public final class LinkBase {

    static final String FRONTEND_URL = "frontendUrl";

    private LinkBase() {
    }

    /** The base URL without a trailing slash, or null when neither the realm nor the server names a usable one. */
    public static String of(RealmModel realm) {
        String frontend = SettingValues.text(realm, FRONTEND_URL);
        if (frontend != null) {
            String base = usable(frontend);
            if (base != null) {
                return base;
            }
            SettingValues.unreadable(realm, FRONTEND_URL, frontend, "the server's --hostname", "an absolute http(s) URL");
        }
        String hostname = Config.scope("hostname", "v2").get("hostname");
        if (hostname == null || hostname.isBlank()) {
            return null;
        }
        // --hostname is either a full URL or only a host name, which Keycloak serves over https
        return usable(hostname.contains("://") ? hostname : "https://" + hostname.strip());
    }

    /** {@link #of} as a URI that ends in {@code /}, for resolving paths against; null when there is none. */
    public static URI uri(RealmModel realm) {
        String base = of(realm);
        return base == null ? null : URI.create(base + "/");
    }

    /** The URL without trailing slashes when it is an absolute http(s) URL with a host, else null. */
    static String usable(String url) {
        String trimmed = url.strip().replaceAll("/+$", "");
        try {
            URI uri = new URI(trimmed + "/");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? trimmed : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
