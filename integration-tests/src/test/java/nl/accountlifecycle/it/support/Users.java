package nl.accountlifecycle.it.support;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Users as an admin creates them in the demo realm. */
public final class Users {

    private Users() {
    }

    public static UserRepresentation person(String username, String email, String firstName, String lastName) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setEnabled(true);
        return user;
    }

    /** Creates the user and returns the HTTP status and, on success, the new id. */
    public static Created create(RealmResource realm, UserRepresentation user) {
        try (Response response = realm.users().create(user)) {
            String id = null;
            if (response.getStatus() == 201) {
                String path = response.getLocation().getPath();
                id = path.substring(path.lastIndexOf('/') + 1);
            }
            String body = response.getStatus() == 201 ? "" : response.readEntity(String.class);
            return new Created(response.getStatus(), id, body);
        }
    }

    /** Creates an active user who can log in: verified email and a password that meets the policy. */
    public static String createActive(RealmResource realm, UserRepresentation user, String password, List<String> groups) {
        user.setEmailVerified(true);
        user.setGroups(groups);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        Created created = create(realm, user);
        if (created.status() != 201) {
            throw new AssertionError("could not create " + user.getUsername() + ": " + created);
        }
        return created.id();
    }

    /** Creates an active user with the given roles of the realm's {@code realm-management} client; returns the name to log in with, the email (the demo realm uses the email as username). */
    public static String withAdminRoles(RealmResource realm, String username, String password, String... roles) {
        String id = createActive(realm, person(username, username + "@example.org", "Per", "Missie"), password, List.of());
        if (roles.length > 0) {
            String clientId = realm.clients().findByClientId("realm-management").get(0).getId();
            List<org.keycloak.representations.idm.RoleRepresentation> reps = java.util.Arrays.stream(roles)
                    .map(r -> realm.clients().get(clientId).roles().get(r).toRepresentation()).toList();
            realm.users().get(id).roles().clientLevel(clientId).add(reps);
        }
        return username + "@example.org";
    }

    public static Map<String, List<String>> attributes(Object... keyValues) {
        java.util.LinkedHashMap<String, List<String>> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], List.of((String) keyValues[i + 1]));
        }
        return map;
    }

    public record Created(int status, String id, String body) {
    }
}
