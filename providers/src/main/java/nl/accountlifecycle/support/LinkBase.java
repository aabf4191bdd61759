package nl.accountlifecycle.support;

import org.keycloak.Config;
import org.keycloak.models.RealmModel;

/**
 * The base URL of links in mails that are not sent in answer to the user's own request: the realm's frontend
 * URL, else the hostname Keycloak was configured with ({@code --hostname}), else none. Never the request's
 * {@code Host} header, which whoever sends the request chooses.
 */
public final class LinkBase {

    private LinkBase() {
    }

    /** The base URL without a trailing slash, or null when neither the realm nor the server names one. */
    public static String of(RealmModel realm) {
        String frontend = realm.getAttribute("frontendUrl");
        if (frontend != null && !frontend.isBlank()) {
            return trim(frontend);
        }
        String hostname = Config.scope("hostname", "v2").get("hostname");
        if (hostname == null || hostname.isBlank()) {
            return null;
        }
        // --hostname is either a full URL or only a host name, which Keycloak serves over https
        return trim(hostname.contains("://") ? hostname : "https://" + hostname);
    }

    private static String trim(String url) {
        return url.strip().replaceAll("/+$", "");
    }
}
