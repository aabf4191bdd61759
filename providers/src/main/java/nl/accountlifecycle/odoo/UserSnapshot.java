package nl.accountlifecycle.odoo;

import java.util.List;
import java.util.Map;

import nl.accountlifecycle.support.KeycloakTables;
import org.keycloak.models.GroupModel;
import org.keycloak.models.UserModel;

/** What the sync sends of one Keycloak user, read at delivery time; {@code deleted} when the user is gone. */
record UserSnapshot(String id, boolean deleted, String email, String firstName, String infix, String lastName,
                    boolean enabled, String phone, String mobile, String jobTitle, String title, List<String> groups) {

    /** The user attributes the sync reads. */
    static final List<String> ATTRIBUTES = List.of("infix", "phone", "mobile", "jobTitle", "title");

    static UserSnapshot of(UserModel user) {
        return new UserSnapshot(user.getId(), false, user.getEmail(), user.getFirstName(),
                user.getFirstAttribute("infix"), user.getLastName(), user.isEnabled(),
                user.getFirstAttribute("phone"), user.getFirstAttribute("mobile"), user.getFirstAttribute("jobTitle"),
                user.getFirstAttribute("title"), user.getGroupsStream().map(GroupModel::getName).toList());
    }

    /** From the columns read in bulk ({@link KeycloakTables#users}). */
    static UserSnapshot of(KeycloakTables.UserRow row) {
        Map<String, String> a = row.attributes();
        return new UserSnapshot(row.id(), false, row.email(), row.firstName(), a.get("infix"), row.lastName(), row.enabled(),
                a.get("phone"), a.get("mobile"), a.get("jobTitle"), a.get("title"), row.groups());
    }

    static UserSnapshot deleted(String id) {
        return new UserSnapshot(id, true, null, null, null, null, false, null, null, null, null, List.of());
    }
}
