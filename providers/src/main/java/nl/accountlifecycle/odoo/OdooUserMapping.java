package nl.accountlifecycle.odoo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keycloak user → Odoo {@code res.users} values. {@code res.users} inherits {@code res.partner}, so the partner's
 * phone, mobile, function (job title) and title are written through the user. Fields Odoo does not have in this
 * version ({@code mobile} in 19, {@code groups_id} renamed {@code group_ids}) are left out or renamed.
 */
final class OdooUserMapping {

    /** The Odoo fields this version has, from {@code fields_get}. */
    record Fields(Set<String> users, Set<String> partners) {
        String groupsField() {
            return users.contains("group_ids") ? "group_ids" : users.contains("groups_id") ? "groups_id" : null;
        }

        /** The field with a user's groups including implied ones: {@code all_group_ids} from Odoo 19, else {@code groups_id}. */
        String allGroupsField() {
            return users.contains("all_group_ids") ? "all_group_ids" : users.contains("groups_id") ? "groups_id" : null;
        }
    }

    /** The user-profile codes of {@code title} and the names of Odoo's standard {@code res.partner.title} records. */
    static final Map<String, List<String>> TITLE_NAMES = Map.of(
            "mr", List.of("mister", "mr."),
            "ms", List.of("madam", "miss", "mrs.", "ms."),
            "dr", List.of("doctor", "dr."),
            "prof", List.of("professor", "prof."));

    private OdooUserMapping() {
    }

    /** "First infix Last", single spaces, no infix when empty. */
    static String name(String first, String infix, String last) {
        List<String> parts = new ArrayList<>();
        for (String part : new String[] {first, infix, last}) {
            if (part != null && !part.isBlank()) {
                parts.add(part.strip().replaceAll("\\s+", " "));
            }
        }
        return String.join(" ", parts);
    }

    static Map<String, Object> values(UserSnapshot user, OdooSettings settings, Fields fields,
                                      Map<String, Integer> titleIds) {
        Map<String, Object> vals = new LinkedHashMap<>();
        String email = login(user);
        vals.put("login", email);
        String name = name(user.firstName(), user.infix(), user.lastName());
        vals.put("name", name.isEmpty() ? email : name);
        vals.put("email", email);
        vals.put("active", user.enabled());
        vals.put("oauth_uid", user.id());
        if (settings.oauthProviderId() != null) {
            vals.put("oauth_provider_id", settings.oauthProviderId());
        }
        if (settings.syncPhone()) {
            vals.put("phone", orFalse(user.phone()));
        }
        if (settings.syncMobile() && fields.partners().contains("mobile")) {
            vals.put("mobile", orFalse(user.mobile()));
        }
        if (settings.syncJobTitle()) {
            vals.put("function", orFalse(user.jobTitle()));
        }
        if (settings.syncTitle() && fields.partners().contains("title") && titleIds != null) { // null: lookup failed
            Integer titleId = user.title() == null ? null : titleIds.get(user.title());
            vals.put("title", titleId == null ? Boolean.FALSE : titleId);
        }
        String groupsField = fields.groupsField();
        if (!settings.groupMap().isEmpty() && groupsField != null) {
            Set<Integer> ids = new LinkedHashSet<>();
            for (String group : user.groups()) {
                ids.addAll(settings.groupMap().getOrDefault(group, List.of()));
            }
            vals.put(groupsField, List.of(List.of(6, 0, new ArrayList<>(ids))));
        }
        return vals;
    }

    /** The Odoo login of a user: the email, trimmed and in lower case. */
    static String login(UserSnapshot user) {
        return user.email().strip().toLowerCase(Locale.ROOT);
    }

    /** Odoo clears a field with {@code False}. */
    private static Object orFalse(String value) {
        return value == null || value.isBlank() ? Boolean.FALSE : value.strip();
    }

    /** Matches the user-profile title codes to Odoo's title records by name or shortcut. */
    static Map<String, Integer> titleIds(List<Map<String, Object>> odooTitles) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Map<String, Object> row : odooTitles) {
            String name = String.valueOf(row.get("name")).toLowerCase(Locale.ROOT);
            String shortcut = String.valueOf(row.get("shortcut")).toLowerCase(Locale.ROOT);
            TITLE_NAMES.forEach((code, names) -> {
                if (!ids.containsKey(code) && (names.contains(name) || names.contains(shortcut))) {
                    ids.put(code, ((Number) row.get("id")).intValue());
                }
            });
        }
        return ids;
    }
}
