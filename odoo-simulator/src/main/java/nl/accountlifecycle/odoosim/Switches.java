package nl.accountlifecycle.odoosim;

/**
 * How the simulator misbehaves on request, set through {@link OdooSimulator} or {@code POST /_sim/config}; and the
 * account it accepts. Being down is the server's own state ({@link SimServer}).
 */
final class Switches {

    final String database;
    final String login;
    volatile String apiKey;
    volatile int rttMillis;
    volatile double failRate;
    volatile boolean htmlErrors;
    volatile int hangMillis;
    volatile boolean serializedFault;
    /**
     * Partners keep their {@code title} field, but {@code res.partner.title} answers as a model that does not exist:
     * an Odoo customised that way, or one whose title model is gone while the field was kept.
     */
    volatile boolean titleModelMissing;

    Switches(String database, String login, String apiKey) {
        this.database = database;
        this.login = login;
        this.apiKey = apiKey;
    }

    void setRttMillis(int value) {
        rttMillis = Math.max(0, value);
    }

    void setFailRate(double value) {
        failRate = Math.max(0, Math.min(1, value));
    }

    void setHangMillis(int value) {
        hangMillis = Math.max(0, value);
    }
}
