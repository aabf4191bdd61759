package nl.accountlifecycle.it.support;

import nl.accountlifecycle.odoosim.OdooSimulator;

/** The Odoo the integration tests sync to: the loopback simulator as Odoo 19, database {@value #DATABASE}. */
public final class TestOdoo {

    public static final String DATABASE = "odoo";
    public static final String LOGIN = "admin";
    public static final String API_KEY = "sim-api-key";
    public static final int VERSION = 19;

    private TestOdoo() {
    }

    /** Starts a simulator on a free loopback port; the caller closes it. */
    public static OdooSimulator start() throws Exception {
        return OdooSimulator.start(0, DATABASE, LOGIN, API_KEY, VERSION);
    }
}
