package nl.accountlifecycle.activation;

import nl.accountlifecycle.support.BackgroundUri;
import nl.accountlifecycle.support.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import nl.accountlifecycle.support.LifecycleSettings;
import nl.accountlifecycle.support.MailFailure;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.executors.ExecutorsProvider;
import java.util.concurrent.Executor;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.LoginActionsService;

/**
 * Issues activation links. The new link id and expiry are written in the caller's transaction; the email
 * goes out only after that transaction commits, and a failed send is recorded on the user.
 */
public final class ActivationMailer {

    private static final Logger LOG = Logger.getLogger(ActivationMailer.class);
    static final String TEMPLATE = "account-lifecycle-activation.ftl";
    static final String SUBJECT = "accountLifecycle.activation.email.subject";
    static final String CUSTOM_SUBJECT = "accountLifecycle.activation.email.customSubject";

    /** Keycloak's managed executor that sends the bundle's mails after the answer. */
    public static final String MAIL_EXECUTOR = "account-lifecycle-mail";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final KeycloakSessionFactory factory;

    public ActivationMailer(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.factory = session.getKeycloakSessionFactory();
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
        ActivationState.markSent(user, linkId, now, expiresAt);
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
        // a workflow step runs without a request: then the realm's link base, never a guessed host
        UriInfo uri = BackgroundUri.of(session, realm);
        UriBuilder builder = LoginActionsService.actionTokenProcessor(uri);
        builder.queryParam("key", token.serialize(session, realm, uri));
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

        String userId = user.getId();
        Executor worker = session.getProvider(ExecutorsProvider.class).getExecutor(MAIL_EXECUTOR);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                // on a worker, so the answer does not wait for the mail server (and takes the same time for every address)
                worker.execute(() -> deliver(userId, linkId, link, expiresAt, invitation));
            }

            @Override
            protected void rollbackImpl() {
                // the user change was rolled back, so there is nothing to send
            }
        });
        return new Invitation.Sent(userId, linkId, now, expiresAt);
    }

    private void deliver(String userId, String linkId, String link, Instant expiresAt, Invitation invitation) {
        String realmId = realm.getId();
        try {
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                RealmModel r = s.realms().getRealm(realmId);
                if (r == null) {
                    return; // the realm was removed meanwhile
                }
                s.getContext().setRealm(r);
                UserModel user = s.users().getUserById(r, userId);
                if (user == null || !linkId.equals(ActivationState.linkId(user))) {
                    return; // deleted or replaced meanwhile
                }
                send(s, r, user, link, expiresAt, invitation);
            });
        } catch (RuntimeException e) {
            // never the exception message: SMTP errors carry the recipient's address
            LOG.warnf("activation email for user %s in realm %s failed: %s", userId, realmId, MailFailure.describe(e));
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                RealmModel r = s.realms().getRealm(realmId);
                s.getContext().setRealm(r);
                UserModel user = s.users().getUserById(r, userId);
                if (user != null) {
                    user.setSingleAttribute(ActivationState.LAST_ERROR, MailFailure.lastError(e));
                }
            });
        }
    }

    private static void send(KeycloakSession s, RealmModel realm, UserModel user, String link, Instant expiresAt,
                             Invitation invitation) {
        s.getContext().setRealm(realm);
        // the user's language (or the realm's default), never the language of the admin's browser
        Locale locale = s.getContext().resolveLocale(user, true);
        String expires = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(LifecycleSettings.of(realm).timezone())
                .format(expiresAt);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("link", link);
        attributes.put("expiresAt", expires);
        attributes.put("customMessage", invitation.message());
        attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
        String realmName = realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName();
        String subjectKey = invitation.subject() != null ? CUSTOM_SUBJECT : SUBJECT;
        List<Object> subjectAttributes = List.of(invitation.subject() != null ? invitation.subject() : realmName);
        try {
            s.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send(subjectKey, subjectAttributes, TEMPLATE, attributes);
        } catch (EmailException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
