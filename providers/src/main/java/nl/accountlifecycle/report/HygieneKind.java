package nl.accountlifecycle.report;

/**
 * The findings of the hygiene report, in the order a user's rows appear, each with the repair that fixes it:
 * an account nobody uses is disabled; a provisioning target that lags behind Keycloak gets the user again.
 */
public enum HygieneKind {
    INVITATION_NOT_ACTIVATED(Repair.DISABLE),
    PASSWORD_EXPIRED(Repair.DISABLE),
    INACTIVE(Repair.DISABLE),
    DISABLED_ACTIVE_IN_TARGET(Repair.RESYNC),
    TARGET_DRIFT(Repair.RESYNC);

    /** The one-click repair of a row: {@code POST reports/hygiene/repair} with this action. */
    public enum Repair {
        RESYNC, DISABLE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Repair parse(String value) {
            for (Repair r : values()) {
                if (r.wire().equals(value)) {
                    return r;
                }
            }
            return null;
        }
    }

    private final Repair repair;

    HygieneKind(Repair repair) {
        this.repair = repair;
    }

    public Repair repair() {
        return repair;
    }

    /** The name in JSON, CSV and the README, e.g. {@code invitation_not_activated}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
