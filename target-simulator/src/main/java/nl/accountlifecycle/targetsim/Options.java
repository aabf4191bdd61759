package nl.accountlifecycle.targetsim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The command line of {@link Main}, parsed; every value has the default the usage text names. */
final class Options {

    static final String USAGE = """
            usage: java -jar account-lifecycle-target-simulator-<version>-standalone.jar [flags]
              --port N                       port on 127.0.0.1 (default 8090; 0 picks a free one)
              --host 127.0.0.1               loopback only: 127.x.x.x, ::1 or localhost (default 127.0.0.1)
              --scim-token TOKEN             bearer token the SCIM endpoints accept (default sim-scim-token)
              --client-id ID                 client of POST /oauth/token (default sim-client)
              --client-secret SECRET         its secret (default sim-secret)
              --webhook-secret NAME=whsec_... secret of receiver /webhooks/NAME (repeatable)
              --rtt-ms N                     delay every SCIM and webhook request by N ms (default 0)
              --down                         start with SCIM and webhook requests dropped unanswered
              --fail-next COUNT[:STATUS]     answer the next COUNT requests with STATUS (default 500)
              --rate-limit-next COUNT[:SEC]  answer the next COUNT requests 429 with Retry-After SEC (default 1)
              --html-bad-gateway-next COUNT  answer the next COUNT requests 502 with an HTML page
              --fault-scope all|scim|webhooks  which endpoints the switches apply to (default all)
              --help                         this text
            """;

    private static final Set<String> WITH_VALUE = Set.of("--port", "--host", "--scim-token", "--client-id", "--client-secret",
            "--webhook-secret", "--rtt-ms", "--fail-next", "--rate-limit-next", "--html-bad-gateway-next", "--fault-scope");

    InetAddress host;
    String hostName = "127.0.0.1";
    int port = 8090;
    String scimToken = TargetSimulator.DEFAULT_SCIM_TOKEN;
    String clientId = TargetSimulator.DEFAULT_CLIENT_ID;
    String clientSecret = TargetSimulator.DEFAULT_CLIENT_SECRET;
    final Map<String, String> webhookSecrets = new LinkedHashMap<>();
    final Switches switches = new Switches();
    boolean help;

    /** Parses {@code args}; a wrong flag or value is an {@link IllegalArgumentException} saying which. */
    static Options parse(String... args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                o.help = true;
                continue;
            }
            if (flag.equals("--down")) {
                o.switches.setDown(true);
                continue;
            }
            if (!WITH_VALUE.contains(flag)) {
                throw new IllegalArgumentException(flag.startsWith("-") ? "unknown flag " + flag : "unexpected argument " + flag);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> o.port = number(flag, value, 65535);
                case "--host" -> o.hostName = value;
                case "--scim-token" -> o.scimToken = nonBlank(flag, value);
                case "--client-id" -> o.clientId = nonBlank(flag, value);
                case "--client-secret" -> o.clientSecret = nonBlank(flag, value);
                case "--webhook-secret" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--webhook-secret takes NAME=whsec_..., not '" + value + "'");
                    }
                    new WebhookReceiver().setSecret(value.substring(0, eq), value.substring(eq + 1)); // checks it
                    o.webhookSecrets.put(value.substring(0, eq), value.substring(eq + 1));
                }
                case "--rtt-ms" -> o.switches.setRttMillis(number(flag, value, Integer.MAX_VALUE));
                case "--fail-next" -> {
                    String[] p = value.split(":", 2);
                    o.switches.failNext(number(flag, p[0], Integer.MAX_VALUE), p.length > 1 ? number(flag, p[1], 599) : 500);
                }
                case "--rate-limit-next" -> {
                    String[] p = value.split(":", 2);
                    o.switches.rateLimitNext(number(flag, p[0], Integer.MAX_VALUE), p.length > 1 ? number(flag, p[1], Integer.MAX_VALUE) : 1);
                }
                case "--html-bad-gateway-next" -> o.switches.htmlBadGatewayNext(number(flag, value, Integer.MAX_VALUE));
                case "--fault-scope" -> o.switches.setScope(Switches.Scope.parse(value));
                default -> throw new IllegalStateException(flag);
            }
        }
        o.host = loopback(o.hostName);
        return o;
    }

    /** The address of a loopback host; anything else is refused without a DNS lookup. */
    static InetAddress loopback(String name) {
        if (name.equalsIgnoreCase("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        boolean literal = name.matches("[0-9.]+") || name.matches("\\[?[0-9a-fA-F:]+]?");
        try {
            InetAddress address = literal ? InetAddress.getByName(name) : null;
            if (address != null && address.isLoopbackAddress()) {
                return address;
            }
        } catch (UnknownHostException e) {
            // not an address: refused below
        }
        throw new IllegalArgumentException("--host must be a loopback address (127.0.0.1, ::1 or localhost), not '" + name + "'");
    }

    private static int number(String flag, String value, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(flag + " needs a whole number from 0 to " + max + ", not '" + value + "'");
    }

    private static String nonBlank(String flag, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(flag + " must not be empty");
        }
        return value;
    }
}
