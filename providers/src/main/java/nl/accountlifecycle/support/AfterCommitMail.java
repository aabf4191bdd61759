package nl.accountlifecycle.support;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.UserModelDelegate;

/**
 * The bundle's one way to send a mail: a themed email to one address about one user.
 * <ul>
 *   <li>{@link #sendAfterCommit} sends only after the caller's transaction commits (never when it rolls back),
 *   on Keycloak's managed executor {@value #EXECUTOR}, so no answer waits for the mail server and an answer
 *   takes the same time whether or not a mail follows.</li>
 *   <li>{@link #deliver} sends now, for scheduled work that has no request.</li>
 * </ul>
 * The mail is rendered in the user's language, in a fresh transaction. The address may differ from the user's
 * current one: the notice of an email change goes to the old address. A failure is logged with ids and the kind
 * of failure only, never the address, and handed to the caller's {@link #onFailure} recorder.
 */
public final class AfterCommitMail {

    /** Keycloak's managed executor that sends the bundle's mails. */
    public static final String EXECUTOR = "account-lifecycle-mail";
    private static final Logger LOG = Logger.getLogger(AfterCommitMail.class);

    private final String template;
    private final String subjectKey;
    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, Instant> dates = new HashMap<>();
    private List<Object> subjectParameters;
    private Predicate<UserModel> stillWanted = user -> true;
    private FailureRecorder onFailure;

    /** Records a failed send on the user, in its own transaction after the mail's; gets {@link MailFailure#lastError}. */
    @FunctionalInterface
    public interface FailureRecorder {
        void record(KeycloakSession session, UserModel user, String lastError);
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

    /** The subject's parameters; an {@link Instant} is shown as a date. Default: the realm's display name. */
    public AfterCommitMail subject(Object... parameters) {
        this.subjectParameters = List.of(parameters);
        return this;
    }

    /** Checked again when the mail is about to go: a mail for a link replaced meanwhile is not sent. */
    public AfterCommitMail onlyIf(Predicate<UserModel> stillWanted) {
        this.stillWanted = stillWanted;
        return this;
    }

    /** What to record on the user when sending fails (the failure is logged either way). */
    public AfterCommitMail onFailure(FailureRecorder recorder) {
        this.onFailure = recorder;
        return this;
    }

    /** Sends to {@code address} (null: the user's own) about {@code user} once the current transaction has committed. */
    public void sendAfterCommit(KeycloakSession session, RealmModel realm, UserModel user, String address) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        Executor worker = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        String realmId = realm.getId();
        String userId = user.getId();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                worker.execute(() -> deliver(factory, realmId, userId, address));
            }

            @Override
            protected void rollbackImpl() {
                // nothing was changed, so there is nothing to tell
            }
        });
    }

    /**
     * Sends now, in a transaction of its own; returns whether the mail went out. A user deleted meanwhile, or no
     * longer wanted ({@link #onlyIf}), gets nothing; a failure is logged and recorded.
     */
    public boolean deliver(KeycloakSessionFactory factory, String realmId, String userId, String address) {
        try {
            return InRealm.apply(factory, realmId, false, (s, realm) -> {
                UserModel user = s.users().getUserById(realm, userId);
                if (user == null || !stillWanted.test(user)) {
                    return false;
                }
                send(s, realm, user, address);
                return true;
            });
        } catch (RuntimeException e) {
            LOG.warnf("%s for user %s in realm %s: %s", template, userId, realmId, MailFailure.describe(e));
            record(factory, realmId, userId, e);
            return false;
        }
    }

    private void record(KeycloakSessionFactory factory, String realmId, String userId, RuntimeException e) {
        if (onFailure == null) {
            return;
        }
        String lastError = MailFailure.lastError(e);
        try {
            InRealm.run(factory, realmId, (s, r) -> {
                UserModel u = s.users().getUserById(r, userId);
                if (u != null) {
                    onFailure.record(s, u, lastError);
                }
            });
        } catch (RuntimeException recordFailure) {
            LOG.warnf("could not record the failed %s on user %s in realm %s: %s", template, userId, realmId,
                    recordFailure.getClass().getSimpleName());
        }
    }

    private void send(KeycloakSession s, RealmModel realm, UserModel user, String address) {
        // the user's language (or the realm's default), never the language of whoever caused the mail
        Locale locale = s.getContext().resolveLocale(user, true);
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale).withZone(LifecycleSettings.of(realm).timezone());
        Map<String, Object> body = new HashMap<>(attributes);
        dates.forEach((name, value) -> body.put(name, format.format(value)));
        body.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
        List<Object> subject = new ArrayList<>();
        if (subjectParameters == null) {
            subject.add(realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName());
        } else {
            subjectParameters.forEach(p -> subject.add(p instanceof Instant at ? format.format(at) : p));
        }
        // The send(..., address) overload exists from Keycloak 26.7 on only; a user whose email is the
        // target address works with the plain send on every supported version (26.4+).
        UserModel recipient = address == null || address.equals(user.getEmail()) ? user : new AddressedTo(user, address);
        try {
            s.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(recipient)
                    .send(subjectKey, subject, template, body);
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
