package nl.accountlifecycle.activation;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import nl.accountlifecycle.support.AfterCommitMail;
import nl.accountlifecycle.support.BackgroundUri;
import nl.accountlifecycle.support.Clock;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;

/**
 * Issues activation links. The new link id and expiry are written in the caller's transaction; the email
 * goes out only after that transaction commits, on the mail worker ({@link AfterCommitMail}), and a failed send
 * is recorded on the user.
 */
public final class ActivationMailer {

    static final String TEMPLATE = "account-lifecycle-activation.ftl";
    static final String SUBJECT = "accountLifecycle.activation.email.subject";
    static final String CUSTOM_SUBJECT = "accountLifecycle.activation.email.customSubject";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UriInfo links;

    /**
     * Links under the request's server URL (its frontend URL); without a request (a workflow step, a timer) under the
     * realm's link base, never a guessed host.
     */
    public ActivationMailer(KeycloakSession session, RealmModel realm) {
        this(session, realm, BackgroundUri.of(session, realm));
    }

    /** For work done after the request that asked for it: links under {@code base}, decided while it was answered. */
    ActivationMailer(KeycloakSession session, RealmModel realm, URI base) {
        this(session, realm, BackgroundUri.at(base));
    }

    private ActivationMailer(KeycloakSession session, RealmModel realm, UriInfo links) {
        this.session = session;
        this.realm = realm;
        this.links = links;
    }

    /**
     * Replaces any earlier link of this user with a new one and schedules the email.
     *
     * @param what {@code activation_sent} or {@code activation_resent}, recorded in the user event
     */
    public Invitation.Sent send(UserModel user, Invitation invitation, String what) {
        Instant now = Clock.now();
        Instant expiresAt = now.plusSeconds(invitation.lifespanSeconds());
        String linkId = UUID.randomUUID().toString();
        ActivationState.markSent(session, user, linkId, now, expiresAt);
        return issue(user, linkId, now, expiresAt, invitation, what);
    }

    /**
     * Mails the user's current link again, with the same link id and the same expiry: a reminder extends nothing
     * and leaves no second valid link. The caller checks the link is still pending.
     */
    public Invitation.Sent remind(UserModel user, Invitation invitation) {
        Instant expiresAt = ActivationState.parseInstant(user.getFirstAttribute(ActivationState.EXPIRES_AT));
        return issue(user, ActivationState.linkId(user), Clock.now(), expiresAt, invitation, "activation_reminded");
    }

    private Invitation.Sent issue(UserModel user, String linkId, Instant now, Instant expiresAt, Invitation invitation,
                                  String what) {
        ActivationToken token = new ActivationToken(user.getId(), user.getEmail(), linkId,
                (int) expiresAt.getEpochSecond(), invitation.clientId(), invitation.redirectUri());
        UriBuilder builder = LoginActionsService.actionTokenProcessor(links);
        builder.queryParam("key", token.serialize(session, realm, links));
        if (realm.isInternationalizationEnabled()) {
            // the page opens in the user's language (or the realm's default), not the browser's guess
            builder.queryParam(LocaleSelectorProvider.KC_LOCALE_PARAM,
                    session.getContext().resolveLocale(user, true).toLanguageTag());
        }
        String link = builder.build(realm.getName()).toString();

        (BackgroundUri.hasRequest(session)
                ? new EventBuilder(realm, session, session.getContext().getConnection())
                : new EventBuilder(realm, session))
                .event(EventType.EXECUTE_ACTIONS)
                .user(user)
                .detail("email", user.getEmail())
                .detail(ActivateAccountRequiredAction.DETAIL_ACTION, what)
                .detail("expires_at", expiresAt.toString())
                .success();

        AfterCommitMail mail = AfterCommitMail.of(TEMPLATE, invitation.subject() != null ? CUSTOM_SUBJECT : SUBJECT)
                .with("link", link)
                .withDate("expiresAt", expiresAt)
                .with("customMessage", invitation.message())
                // a link replaced (or a user activated) before the mail goes out is not sent
                .onlyIf(u -> linkId.equals(ActivationState.linkId(u)))
                .onFailure((s, u, lastError) -> u.setSingleAttribute(ActivationState.LAST_ERROR, lastError));
        if (invitation.subject() != null) {
            mail.subject(invitation.subject());
        }
        mail.sendAfterCommit(session, realm, user, null);
        return new Invitation.Sent(user.getId(), linkId, now, expiresAt);
    }
}
