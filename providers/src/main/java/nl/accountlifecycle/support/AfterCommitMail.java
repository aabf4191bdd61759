package nl.accountlifecycle.support;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.UserModelDelegate;

/**
 * A themed email to one address about one user, sent only after the caller's transaction commits (and never
 * when it rolls back). The address may differ from the user's current one: the notice of an email change goes
 * to the old address. The mail is rendered in the user's language, in a fresh transaction; a failure is logged
 * with ids and the kind of failure only, never with the address, and recorded on the user where the caller asks.
 */
public final class AfterCommitMail {

    private static final Logger LOG = Logger.getLogger(AfterCommitMail.class);

    private final String template;
    private final String subjectKey;
    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, Instant> dates = new HashMap<>();
    private FailureRecorder onFailure;

    /** Records a failed send on the user, in its own transaction after the mail's; gets {@link MailFailure#lastError}. */
    @FunctionalInterface
    public interface FailureRecorder {
        void record(UserModel user, String lastError);
    }

    private AfterCommitMail(String template, String subjectKey) {
        this.template = template;
        this.subjectKey = subjectKey;
    }

    public static AfterCommitMail of(String template, String subjectKey) {
        return new AfterCommitMail(template, subjectKey);
    }

    public AfterCommitMail with(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    /** A moment shown as a long date and short time, in the user's language and the realm's time zone. */
    public AfterCommitMail withDate(String name, Instant value) {
        dates.put(name, value);
        return this;
    }

    /** What to record on the user when sending fails (the failure is logged either way). */
    public AfterCommitMail onFailure(FailureRecorder recorder) {
        this.onFailure = recorder;
        return this;
    }

    /** Sends to {@code address} about {@code user} once the current transaction has committed. */
    public void sendAfterCommit(KeycloakSession session, RealmModel realm, UserModel user, String address) {
        String realmId = realm.getId();
        String userId = user.getId();
        KeycloakContext context = session.getContext();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), context, s -> {
                        RealmModel r = s.realms().getRealm(realmId);
                        UserModel u = r == null ? null : s.users().getUserById(r, userId);
                        if (u != null) {
                            send(s, r, u, address);
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.warnf("%s for user %s in realm %s: %s", template, userId, realmId, MailFailure.describe(e));
                    record(session, context, realmId, userId, e);
                }
            }

            @Override
            protected void rollbackImpl() {
                // nothing was changed, so there is nothing to tell
            }
        });
    }

    private void record(KeycloakSession session, KeycloakContext context, String realmId, String userId, RuntimeException e) {
        if (onFailure == null) {
            return;
        }
        String lastError = MailFailure.lastError(e);
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), context, s -> {
                RealmModel r = s.realms().getRealm(realmId);
                if (r == null) {
                    return;
                }
                s.getContext().setRealm(r);
                UserModel u = s.users().getUserById(r, userId);
                if (u != null) {
                    onFailure.record(u, lastError);
                }
            });
        } catch (RuntimeException recordFailure) {
            LOG.warnf("could not record the failed %s on user %s in realm %s: %s", template, userId, realmId,
                    recordFailure.getClass().getSimpleName());
        }
    }

    private void send(KeycloakSession s, RealmModel realm, UserModel user, String address) {
        s.getContext().setRealm(realm);
        Locale locale = s.getContext().resolveLocale(user, true);
        Map<String, Object> body = new HashMap<>(attributes);
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale).withZone(LifecycleSettings.of(realm).timezone());
        dates.forEach((name, value) -> body.put(name, format.format(value)));
        body.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
        String realmName = realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName();
        // The send(..., address) overload exists from Keycloak 26.7 on only; a user whose email is the
        // target address works with the plain send on every supported version (26.4+).
        UserModel recipient = address == null || address.equals(user.getEmail()) ? user : new AddressedTo(user, address);
        try {
            s.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(recipient)
                    .send(subjectKey, List.<Object>of(realmName), template, body);
        } catch (EmailException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The user as the templates see it (name, language), with the mail going to {@code address}. */
    private static final class AddressedTo extends UserModelDelegate {
        private final String address;

        AddressedTo(UserModel user, String address) {
            super(user);
            this.address = address;
        }

        @Override
        public String getEmail() {
            return address;
        }
    }
}
