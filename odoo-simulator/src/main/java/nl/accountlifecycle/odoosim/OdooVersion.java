package nl.accountlifecycle.odoosim;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What differs between the Odoo versions the simulator plays, 16 to 19. Each difference names where it was checked
 * in Odoo's source (stored copies; "19" is odoo/odoo after saas~18.x, the 19 series).
 */
record OdooVersion(int number) {

    static final int OLDEST = 16;
    static final int NEWEST = 19;

    OdooVersion {
        if (number < OLDEST || number > NEWEST) {
            throw new IllegalArgumentException("the simulator plays Odoo " + OLDEST + " to " + NEWEST + ", not " + number);
        }
    }

    /**
     * The groups of a user: {@code groups_id} up to 18 (odoo/addons/base/models/res_users.py, 16 and 17),
     * {@code group_ids} (assigned) and {@code all_group_ids} (with implied groups) in 19 (same file, odoo/odoo).
     */
    String groupsField() {
        return number >= 19 ? "group_ids" : "groups_id";
    }

    boolean hasAllGroupIds() {
        return number >= 19;
    }

    /**
     * {@code res.partner.title} and the partner's {@code title} were removed in saas~18.1 (odoo/odoo#187357, see
     * odoo/upgrade-util#177), so 19 has neither; {@code mobile} is gone from res_partner.py in 19 too.
     */
    boolean hasTitles() {
        return number <= 18;
    }

    Set<String> partnerFields() {
        return number >= 19 ? Set.of("name", "email", "phone", "function")
                : Set.of("name", "email", "phone", "mobile", "function", "title");
    }

    /** JSON-2 ({@code /json/2/<model>/<method>}) exists from 19 (addons/rpc/controllers/json2.py). */
    boolean hasJson2() {
        return number >= 19;
    }

    /**
     * The unique-login violation as the RPC layer reports it: odoo/service/model.py {@code _as_validation_error}
     * (17, 18) wraps a constraint's message in "The operation cannot be completed: %s". The message is
     * "... same login !" in 16 (res_users.py {@code _sql_constraints}, ecodica/odoo-f16) and "... same login!" in
     * 17 (res_users.py {@code _sql_constraints}) and 19 ({@code _login_key = models.Constraint}); 18 was not
     * found in a clean copy and is taken to be as 17 and 19.
     */
    String duplicateLogin() {
        return "The operation cannot be completed: You can not have two users with the same login"
                + (number == 16 ? " !" : "!");
    }

    /** The fields each model has in this version. */
    Set<String> fields(String model) {
        Set<String> fields = new LinkedHashSet<>(List.of("id", "active", "display_name"));
        switch (model) {
            case "res.users" -> {
                fields.addAll(List.of("login", "partner_id", "oauth_uid", "oauth_provider_id", groupsField()));
                if (hasAllGroupIds()) {
                    fields.add("all_group_ids");
                }
                fields.addAll(partnerFields());
            }
            case "res.partner" -> fields.addAll(partnerFields());
            case "res.groups" -> fields.addAll(List.of("name", "implied_ids"));
            case "ir.model.data" -> fields.addAll(List.of("module", "name", "model", "res_id", "complete_name"));
            case "res.partner.title" -> {
                if (!hasTitles()) {
                    throw unknownModel(model);
                }
                fields.addAll(List.of("name", "shortcut"));
            }
            default -> throw unknownModel(model);
        }
        return fields;
    }

    boolean hasModel(String model) {
        try {
            fields(model);
            return true;
        } catch (OdooError e) {
            return false;
        }
    }

    /** odoo/service/model.py {@code execute_cr} (17, 18): a UserError, so fault 2 over XML-RPC. */
    static OdooError unknownModel(String model) {
        return new OdooError(OdooError.Kind.USER, "Object " + model + " doesn't exist");
    }
}
