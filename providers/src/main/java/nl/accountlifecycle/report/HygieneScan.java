package nl.accountlifecycle.report;

import java.util.List;
import java.util.function.Predicate;

import nl.accountlifecycle.admin.Paging;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Walks a realm's users page by page, each page in a short transaction of its own, and hands the rows of the
 * requested window ({@code first}, {@code max}) to a sink. Memory holds one page of users, whatever the realm's size;
 * a client that reads a streamed report slowly holds no transaction open meanwhile.
 */
final class HygieneScan {

    static final int PAGE = 1000;

    /** Receives rows in report order; answers false to stop the scan. */
    interface Sink {
        boolean accept(HygieneRow row) throws java.io.IOException;
    }

    private record Page(List<HygieneRow> rows, String lastUsername, int users) {
    }

    private final KeycloakSessionFactory factory;
    private final String realmId;
    private final HygieneRules.Criteria criteria;

    HygieneScan(KeycloakSessionFactory factory, String realmId, HygieneRules.Criteria criteria) {
        this.factory = factory;
        this.realmId = realmId;
        this.criteria = criteria;
    }

    /** Hands rows {@code first} to {@code first + max - 1} to the sink; stops early when the sink says so. */
    void run(Paging window, Sink sink) throws java.io.IOException {
        long index = 0;
        long end = (long) window.first() + window.max();
        String after = "";
        while (true) {
            String from = after;
            Page page = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> read(session, from));
            for (HygieneRow row : page.rows()) {
                if (index >= window.first() && !sink.accept(row)) {
                    return;
                }
                if (++index >= end) {
                    return;
                }
            }
            if (page.users() < PAGE) {
                return;
            }
            after = page.lastUsername();
        }
    }

    private Page read(KeycloakSession session, String after) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return new Page(List.of(), after, 0);
        }
        session.getContext().setRealm(realm);
        List<UserFacts> users = new HygieneQueries(session).page(realmId, after, PAGE,
                criteria.loginSource() == HygieneRules.LoginSource.EVENTS, criteria.targetEnabled());
        HygieneRules rules = new HygieneRules(criteria, hasSession(session, realm));
        List<HygieneRow> rows = users.stream().flatMap(u -> rules.rows(u).stream()).toList();
        return new Page(rows, users.isEmpty() ? after : users.get(users.size() - 1).username(), users.size());
    }

    /** A live online or offline session: without login events, the one sign that a user still signs in. */
    private static Predicate<String> hasSession(KeycloakSession session, RealmModel realm) {
        return userId -> {
            UserModel user = session.users().getUserById(realm, userId);
            return user != null && (session.sessions().getUserSessionsStream(realm, user).findAny().isPresent()
                    || session.sessions().getOfflineUserSessionsStream(realm, user).findAny().isPresent());
        };
    }
}
