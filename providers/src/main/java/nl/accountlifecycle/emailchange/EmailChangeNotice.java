package nl.accountlifecycle.emailchange;

import nl.accountlifecycle.support.AfterCommitMail;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.LifecycleSettings;
import nl.accountlifecycle.support.Sessions;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The notice to the OLD address after an email change, whichever way it was made: "your email was changed on
 * &lt;date&gt; to n***@example.org; if this wasn't you, contact &lt;support&gt;". Sent after commit, to the old
 * address only; the new address appears masked.
 */
final class EmailChangeNotice {

    static final String TEMPLATE = "account-lifecycle-email-changed.ftl";
    static final String SUBJECT = "accountLifecycle.emailChanged.subject";

    /** How the change was made; the mail's wording differs slightly. */
    enum Via { SELF_SERVICE, CONFIRMED, HELPDESK, CONSOLE }

    private EmailChangeNotice() {
    }

    /**
     * What follows an email change that took effect at once (helpdesk or admin console): a pending confirm-mode
     * change is dropped, the new address remembered, every session (offline ones too) ended, the old address told
     * and a user event {@code UPDATE_EMAIL} recorded. Returns how many sessions ended.
     */
    static int afterImmediateChange(KeycloakSession session, RealmModel realm, UserModel user, String oldEmail, Via via,
                                    String changedBy) {
        return afterChange(session, realm, user, oldEmail, via, changedBy, true,
                new EventBuilder(realm, session, session.getContext().getConnection()));
    }

    /**
     * What follows every email change that the bundle itself carries out, immediate or confirmed: the pending change
     * dropped, the new address remembered, the sessions ended when {@code endSessions}, the old address told and
     * {@code UPDATE_EMAIL} recorded through {@code event}. Returns how many sessions ended.
     */
    static int afterChange(KeycloakSession session, RealmModel realm, UserModel user, String oldEmail, Via via,
                           String changedBy, boolean endSessions, EventBuilder event) {
        EmailChangeState.clearPending(user);
        EmailChangeState.remember(user);
        int ended = endSessions ? Sessions.endAll(session, realm, user) : 0;
        toOldAddress(session, realm, user, oldEmail, via, endSessions);
        event.event(EventType.UPDATE_EMAIL)
                .user(user)
                .detail(Details.PREVIOUS_EMAIL, oldEmail)
                .detail(Details.UPDATED_EMAIL, user.getEmail())
                .detail(EmailChangeResource.DETAIL_CHANGED_BY, changedBy)
                .success();
        return ended;
    }

    static void toOldAddress(KeycloakSession session, RealmModel realm, UserModel user, String oldEmail, Via via,
                             boolean sessionsEnded) {
        if (oldEmail == null || oldEmail.isBlank() || EmailChangeState.sameAddress(oldEmail, user.getEmail())) {
            return;
        }
        AfterCommitMail.of(TEMPLATE, SUBJECT)
                .with("maskedEmail", EmailMask.mask(user.getEmail()))
                .with("supportContact", LifecycleSettings.of(realm).supportContact())
                .with("changedVia", via.name().toLowerCase(java.util.Locale.ROOT))
                .with("sessionsEnded", sessionsEnded)
                .withDate("changedAt", Clock.now())
                .sendAfterCommit(session, realm, user, oldEmail);
    }
}
