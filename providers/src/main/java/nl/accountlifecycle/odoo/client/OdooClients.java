package nl.accountlifecycle.odoo.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/** Opens the client for an endpoint's transport, and checks Odoo URLs. */
public final class OdooClients {

    private OdooClients() {
    }

    public static OdooClient open(OdooEndpoint endpoint) {
        String problem = checkUrl(endpoint.url());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return switch (endpoint.transport()) {
            case JSON2 -> new Json2OdooClient(endpoint);
            case XMLRPC -> new XmlRpcOdooClient(endpoint);
        };
    }

    /** Why a URL cannot be used, or null: absolute http(s) only, and plain http only to a loopback address. */
    public static String checkUrl(URI url) {
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            return "url must be an absolute http:// or https:// URL";
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "url must use https (or http to a loopback address)";
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            return "url must not carry a query, a fragment or credentials";
        }
        if (scheme.equals("http") && !isLoopback(url.getHost())) {
            return "plain http is only allowed to a loopback address; use https";
        }
        return null;
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(h)) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name: never resolved here, so DNS cannot turn it into loopback
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
