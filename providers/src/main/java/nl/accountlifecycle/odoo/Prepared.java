package nl.accountlifecycle.odoo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.odoo.client.OdooClients;
import nl.accountlifecycle.odoo.client.OdooException;
import nl.accountlifecycle.support.HostPolicy;
import nl.accountlifecycle.support.KeycloakTables;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What one batch of a realm needs before it goes to Odoo: the realm's settings, its API key, and the users' current
 * state; or why the batch cannot go (the realm is gone, the sync is off, the url or key is not usable).
 */
record Prepared(OdooSettings settings, String apiKey, List<UserSnapshot> snapshots, OdooException problem) {

    static Prepared refused(OdooSettings settings, String why) {
        return new Prepared(settings, null, List.of(), new OdooException(OdooException.Kind.REFUSED, why));
    }

    /** In one transaction: the realm's settings and key, checked, and the users' current state. */
    static Prepared of(KeycloakSession session, String realmId, List<String> userIds, HostPolicy allowedHosts) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return Prepared.refused(null, "the realm no longer exists");
        }
        session.getContext().setRealm(realm);
        OdooSettings settings = OdooSettings.of(session, realm);
        if (!settings.enabled() || settings.url() == null) {
            return Prepared.refused(settings, "the Odoo sync of this realm is disabled or has no url");
        }
        // checked before every batch: the url attribute can change outside the admin REST, and the list with a restart
        String urlProblem = OdooClients.checkUrl(URI.create(settings.url()));
        if (urlProblem == null) {
            urlProblem = allowedHosts.check(URI.create(settings.url()));
        }
        if (urlProblem != null) {
            return Prepared.refused(settings, urlProblem);
        }
        String key = settings.resolveApiKey(session);
        if (key == null) {
            return Prepared.refused(settings, "no API key for this url's host, or its vault entry is missing");
        }
        Map<String, KeycloakTables.UserRow> stored = new KeycloakTables(session).users(realmId, userIds,
                UserSnapshot.ATTRIBUTES, !settings.groupMap().isEmpty());
        List<UserSnapshot> snapshots = new ArrayList<>();
        for (String id : userIds) {
            KeycloakTables.UserRow row = stored.get(id);
            if (row != null) {
                snapshots.add(UserSnapshot.of(row));
            } else { // deleted, or a user of a federated store
                UserModel user = session.users().getUserById(realm, id);
                snapshots.add(user == null ? UserSnapshot.deleted(id) : UserSnapshot.of(user));
            }
        }
        return new Prepared(settings, key, snapshots, null);
    }
}
