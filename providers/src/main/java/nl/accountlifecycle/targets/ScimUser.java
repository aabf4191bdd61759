package nl.accountlifecycle.targets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.support.KeycloakTables;

/**
 * A Keycloak user as a SCIM 2.0 User resource (RFC 7643 section 4.1): {@code externalId} is the Keycloak user id,
 * {@code name.familyName} holds the infix ("van den Berg"), {@code title} the job title, {@code active} whether the
 * user is enabled. {@code active} is always sent: a SCIM server may create a user without it as inactive (Keycloak's
 * own does). The Enterprise User extension carries {@code employeeNumber} and {@code department} (user attributes of
 * those names) when the target lists the extension in its {@code /Schemas}.
 */
final class ScimUser {

    static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    /** The user attributes the resource carries, besides those of {@link WebhookMessage#ATTRIBUTES}. */
    static final List<String> ENTERPRISE_ATTRIBUTES = List.of("employeeNumber", "department");

    private ScimUser() {
    }

    /** The resource for a POST ({@code remoteId} null) or a PUT (the target's id of the user). */
    static Map<String, Object> resource(KeycloakTables.UserRow user, String remoteId, boolean enterprise) {
        Map<String, Object> r = new LinkedHashMap<>();
        Map<String, String> a = user.attributes();
        boolean withEnterprise = enterprise && ENTERPRISE_ATTRIBUTES.stream().anyMatch(a::containsKey);
        r.put("schemas", withEnterprise ? List.of(CORE, ENTERPRISE) : List.of(CORE));
        if (remoteId != null) {
            r.put("id", remoteId);
        }
        r.put("externalId", user.id());
        r.put("userName", user.username());
        String family = join(a.get("infix"), user.lastName());
        String formatted = join(user.firstName(), family);
        Map<String, Object> name = new LinkedHashMap<>();
        putIfSet(name, "givenName", user.firstName());
        putIfSet(name, "familyName", family);
        putIfSet(name, "formatted", formatted);
        r.put("name", name);
        putIfSet(r, "displayName", formatted);
        putIfSet(r, "title", a.get("jobTitle"));
        if (user.email() != null) {
            r.put("emails", List.of(Map.of("value", user.email(), "type", "work", "primary", true)));
        }
        List<Map<String, Object>> phones = new ArrayList<>();
        if (a.get("phone") != null) {
            phones.add(Map.of("value", a.get("phone"), "type", "work"));
        }
        if (a.get("mobile") != null) {
            phones.add(Map.of("value", a.get("mobile"), "type", "mobile"));
        }
        if (!phones.isEmpty()) {
            r.put("phoneNumbers", phones);
        }
        r.put("active", user.enabled());
        if (withEnterprise) {
            Map<String, Object> e = new LinkedHashMap<>();
            putIfSet(e, "employeeNumber", a.get("employeeNumber"));
            putIfSet(e, "department", a.get("department"));
            r.put(ENTERPRISE, e);
        }
        return r;
    }

    /** A PatchOp that sets {@code active} to false. */
    static Map<String, Object> deactivate() {
        return Map.of("schemas", List.of(PATCH_OP),
                "Operations", List.of(Map.of("op", "replace", "path", "active", "value", false)));
    }

    static String join(String first, String second) {
        String a = first == null ? "" : first.strip();
        String b = second == null ? "" : second.strip();
        String joined = (a + " " + b).strip();
        return joined.isEmpty() ? null : joined;
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
