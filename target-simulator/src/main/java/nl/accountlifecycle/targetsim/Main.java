package nl.accountlifecycle.targetsim;

import java.io.IOException;
import java.net.BindException;

/**
 * {@code java -jar account-lifecycle-target-simulator-*-standalone.jar [--port 8090] [--scim-token T]
 * [--client-id ID] [--client-secret S] [--webhook-secret NAME=whsec_...] [--rtt-ms N] [--help]}; see {@link Options#USAGE}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(Options.USAGE);
            return;
        }
        try {
            TargetSimulator sim = TargetSimulator.start(options);
            System.out.println("Target simulator on " + sim.baseUrl() + ": SCIM at " + sim.scimBaseUrl() + ", tokens at "
                    + sim.tokenUrl() + " (client " + options.clientId + "), webhooks at " + sim.baseUrl()
                    + "/webhooks/{name} " + options.webhookSecrets.keySet() + "; what arrived at " + sim.baseUrl() + "/");
            Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
            Thread.currentThread().join();
        } catch (BindException e) {
            System.err.println("error: port " + options.port + " on " + options.hostName + " is busy");
            System.exit(2);
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }
}
