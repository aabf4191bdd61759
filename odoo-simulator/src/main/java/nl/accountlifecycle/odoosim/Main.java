package nl.accountlifecycle.odoosim;

import java.io.IOException;
import java.net.BindException;

/**
 * {@code java -jar account-lifecycle-odoo-simulator-*-standalone.jar [--port 8069] [--db odoo] [--login admin]
 * [--key sim-api-key] [--version 16..19] [--rtt-ms 0] [--fail-rate 0]}
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8069;
        int version = 17;
        int rtt = 0;
        double failRate = 0;
        String db = "odoo";
        String login = "admin";
        String key = "sim-api-key";
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                String value = i + 1 < args.length ? args[++i] : null;
                if (value == null) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                switch (flag) {
                    case "--port" -> port = Integer.parseInt(value);
                    case "--db" -> db = value;
                    case "--login" -> login = value;
                    case "--key" -> key = value;
                    case "--version" -> version = Integer.parseInt(value);
                    case "--rtt-ms" -> rtt = Integer.parseInt(value);
                    case "--fail-rate" -> failRate = Double.parseDouble(value);
                    default -> throw new IllegalArgumentException("unknown flag " + flag);
                }
            }
            if (version < 16 || version > 19) {
                throw new IllegalArgumentException("--version must be 16, 17, 18 or 19");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage()
                    + " (flags: --port N --db NAME --login LOGIN --key KEY --version 16..19 --rtt-ms N --fail-rate 0..1)");
            System.exit(2);
            return;
        }
        try {
            OdooSimulator sim = OdooSimulator.start(port, db, login, key, version);
            sim.setRttMillis(rtt);
            sim.setFailRate(failRate);
            System.out.println("Odoo simulator (Odoo " + version + ") on " + sim.baseUrl() + " database=" + db
                    + " login=" + login + "; users listed at " + sim.baseUrl() + "/");
            Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
            Thread.currentThread().join();
        } catch (BindException e) {
            System.err.println("error: port " + port + " is busy");
            System.exit(2);
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }
}
