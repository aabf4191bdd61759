package nl.accountlifecycle.support;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The hosts this server may call for a capability, decided by the operator in an SPI option (the Odoo hosts in
 * {@value #OPTION}, the provisioning targets' hosts in {@code targets-allowed-hosts}), never by a realm admin.
 * Entries: a host name or IP address ({@code erp.example.org}), a domain wildcard ({@code *.odoo.com}),
 * {@code *} for any host, and the keywords {@code loopback} and {@code link-local}. Loopback and link-local
 * addresses (127.0.0.0/8, ::1, 169.254.0.0/16, fe80::/10, and cloud metadata addresses) are refused, even when a
 * name or wildcard matches, unless the list holds the keyword or the address itself. Names are resolved when
 * checked, so a listed name that points at a metadata address is refused too.
 */
public record HostPolicy(List<String> entries, String option, String noun) {

    public static final String OPTION = "odoo-allowed-hosts";
    public static final HostPolicy NONE = new HostPolicy(List.of());
    private static final String ODOO_HOSTS = "Odoo host";
    static final String LOOPBACK = "loopback";
    static final String LINK_LOCAL = "link-local";
    /** Cloud metadata services that are not in 169.254.0.0/16: AWS over IPv6, Alibaba Cloud, and their names. */
    static final Set<String> METADATA = Set.of("fd00:ec2:0:0:0:0:0:254", "100.100.100.200", "metadata.google.internal",
            "metadata", "instance-data", "instance-data.ec2.internal");

    public HostPolicy {
        entries = List.copyOf(entries);
    }

    /** The Odoo hosts of option {@value #OPTION}. */
    public HostPolicy(List<String> entries) {
        this(entries, OPTION, ODOO_HOSTS);
    }

    /** Parses option {@value #OPTION}: entries separated by commas or spaces; a bad entry stops the server with its reason. */
    public static HostPolicy parse(String value) {
        return parse(value, OPTION, ODOO_HOSTS);
    }

    /** Parses another capability's option; {@code noun} names one of its hosts in messages ("target host"). */
    public static HostPolicy parse(String value, String option, String noun) {
        if (value == null || value.isBlank()) {
            return new HostPolicy(List.of(), option, noun);
        }
        List<String> entries = new ArrayList<>();
        for (String raw : value.split("[,\\s]+")) {
            if (raw.isBlank()) {
                continue;
            }
            String entry = bare(raw.strip().toLowerCase(Locale.ROOT));
            String name = entry.startsWith("*.") ? entry.substring(2) : entry;
            if (!entry.equals("*") && !name.matches("[a-z0-9.:-]+")) {
                throw new IllegalArgumentException(option + ": '" + raw + "' is not a host name, an IP address, *.domain, *, "
                        + LOOPBACK + " or " + LINK_LOCAL);
            }
            entries.add(isLiteral(entry) ? canonical(entry) : entry);
        }
        return new HostPolicy(entries, option, noun);
    }

    /** Why this server may not call the URL's host, or null when it may. */
    public String check(URI url) {
        if (url == null || url.getHost() == null) {
            return "url must be an absolute http:// or https:// URL";
        }
        if (entries.isEmpty()) {
            return "no " + noun + " is allowed on this server; the operator lists them in the SPI option " + option;
        }
        String raw = bare(url.getHost().toLowerCase(Locale.ROOT));
        boolean literal = isLiteral(raw);
        String host = literal ? canonical(raw) : raw;
        boolean exact = entries.contains(host);
        boolean listed = exact || entries.contains("*")
                || !literal && entries.stream().anyMatch(e -> e.startsWith("*.") && host.endsWith(e.substring(1)));
        // a name nobody listed is refused without a DNS lookup, so the check itself reaches no one
        List<InetAddress> addresses = listed || literal ? resolve(host) : List.of();
        boolean loopback = "localhost".equals(host) || addresses.stream().anyMatch(a -> a.isLoopbackAddress() || a.isAnyLocalAddress());
        boolean linkLocal = METADATA.contains(host) || addresses.stream()
                .anyMatch(a -> a.isLinkLocalAddress() || METADATA.contains(a.getHostAddress().toLowerCase(Locale.ROOT)));
        boolean explicit = exact && literal;
        if (loopback) {
            return entries.contains(LOOPBACK) || explicit ? null
                    : "the host " + host + " is a loopback address, which this server does not allow (SPI option " + option + ")";
        }
        if (linkLocal) {
            return entries.contains(LINK_LOCAL) || explicit ? null
                    : "the host " + host + " is a link-local or cloud metadata address, which this server does not allow (SPI option "
                    + option + ")";
        }
        return listed ? null : "the host " + host + " is not on this server's list of " + noun + "s (SPI option " + option + ")";
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static String canonical(String literal) {
        try {
            return InetAddress.getByName(literal).getHostAddress().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return literal;
        }
    }

    /** The host's addresses; none when it does not resolve (the call then fails on its own). */
    private static List<InetAddress> resolve(String host) {
        try {
            List<InetAddress> all = new ArrayList<>();
            for (InetAddress a : InetAddress.getAllByName(host)) {
                all.add(a instanceof Inet6Address v6 && v6.getScopeId() != 0 ? InetAddress.getByAddress(v6.getAddress()) : a);
            }
            return all;
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}
