package nl.accountlifecycle.emailchange;

import java.time.Instant;
import java.util.UUID;

import jakarta.ws.rs.core.UriBuilder;
import nl.accountlifecycle.support.AfterCommitMail;
import nl.accountlifecycle.support.Clock;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;

/**
 * An admin's email change that waits for the user: the address stays as it is, the new one is recorded as
 * pending (a read-only attribute in the console), and a link goes to the NEW address after commit. A newer
 * request replaces the pending one. Used by {@code POST email-change} with {@code mode: confirm} and by console
 * edits when the realm's console mode is {@code confirm}.
 */
final class EmailChangeConfirmation {

    static final String TEMPLATE = "account-lifecycle-email-change-confirm.ftl";
    static final String SUBJECT = "accountLifecycle.emailChange.confirm.subject";

    private EmailChangeConfirmation() {
    }

    /** Records the pending change and schedules the link; returns the moment the link expires. */
    static Instant request(KeycloakSession session, RealmModel realm, UserModel user, String newEmail) {
        Instant now = Clock.now();
        Instant expiresAt = now.plusSeconds(EmailChangeSettings.of(realm).lifespan());
        String changeId = UUID.randomUUID().toString();
        EmailChangeState.markPending(user, newEmail, changeId, now, expiresAt);

        ClientModel client = realm.getClientByClientId(Constants.ACCOUNT_CONSOLE_CLIENT_ID);
        EmailChangeToken token = new EmailChangeToken(user.getId(), newEmail, changeId,
                (int) expiresAt.getEpochSecond(), client == null ? null : client.getClientId());
        UriBuilder link = LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                .queryParam("key", token.serialize(session, realm, session.getContext().getUri()));
        AfterCommitMail.of(TEMPLATE, SUBJECT)
                .with("link", link.build(realm.getName()).toString())
                .with("newEmail", newEmail)
                .withDate("expiresAt", expiresAt)
                .onFailure((s, u, lastError) -> EmailChangeState.recordFailure(u, changeId, lastError))
                .sendAfterCommit(session, realm, user, newEmail);
        return expiresAt;
    }
}
