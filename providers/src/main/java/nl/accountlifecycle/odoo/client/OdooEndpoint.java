package nl.accountlifecycle.odoo.client;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how to reach one Odoo: the resolved API key (already read from the vault), never logged
 * ({@link #toString()} hides it).
 */
public record OdooEndpoint(URI url, String database, String login, String apiKey, Transport transport,
                           Duration timeout) {

    public enum Transport { XMLRPC, JSON2 }

    @Override
    public String toString() {
        return "OdooEndpoint[url=" + url + ", database=" + database + ", login=" + login
                + ", transport=" + transport + ", timeout=" + timeout + "]";
    }
}
