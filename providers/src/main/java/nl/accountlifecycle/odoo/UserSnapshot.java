package nl.accountlifecycle.odoo;

import java.util.List;

import org.keycloak.models.GroupModel;
import org.keycloak.models.UserModel;

/** What the sync sends of one Keycloak user, read at delivery time; {@code deleted} when the user is gone. */
record UserSnapshot(String id, boolean deleted, String email, String firstName, String infix, String lastName,
                    boolean enabled, String phone, String mobile, String jobTitle, String title, List<String> groups) {

    static UserSnapshot of(UserModel user) {
        return new UserSnapshot(user.getId(), false, user.getEmail(), user.getFirstName(),
                user.getFirstAttribute("infix"), user.getLastName(), user.isEnabled(),
                user.getFirstAttribute("phone"), user.getFirstAttribute("mobile"), user.getFirstAttribute("jobTitle"),
                user.getFirstAttribute("title"), user.getGroupsStream().map(GroupModel::getName).toList());
    }

    static UserSnapshot deleted(String id) {
        return new UserSnapshot(id, true, null, null, null, null, false, null, null, null, null, List.of());
    }
}
