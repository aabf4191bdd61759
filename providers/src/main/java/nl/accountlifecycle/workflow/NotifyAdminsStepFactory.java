package nl.accountlifecycle.workflow;

import java.util.List;

import nl.accountlifecycle.support.AfterCommit;
import nl.accountlifecycle.support.LinkBase;
import nl.accountlifecycle.support.MailFailure;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * A plain-text mail to a configured address (a helpdesk or admin mailbox) naming the user the policy acted on:
 * username, name, email, id and, with a link base, the user's page in the admin console. Keycloak runs a step per
 * user, so this is one mail per user and step. Sent through the realm's SMTP settings after the step commits.
 */
public final class NotifyAdminsStepFactory extends StepFactory {

    public static final String PROVIDER_ID = "notify-admins";
    static final String TO = "to";
    private static final Logger LOG = Logger.getLogger(NotifyAdminsStepFactory.class);
    static final String ONCE_PER = "once-per-attribute";
    /** Followed by the step id: the value of the once-per attribute the admins were last told about. */
    public static final String NOTIFIED_PREFIX = "accountLifecycle.notified.";
    static final String DEFAULT_SUBJECT = "Account lifecycle policy / accountbeleid";
    static final String DEFAULT_MESSAGE = "A lifecycle policy applies to this account. / Een accountbeleid is van toepassing op dit account.";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Mails a configured address about the user the policy acted on";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create()
                .property().name(TO).type(ProviderConfigProperty.STRING_TYPE).helpText("The address to mail (required)").add();
        return mailTexts(builder, DEFAULT_SUBJECT, "The text above the user's details", DEFAULT_MESSAGE)
                .property().name(ONCE_PER).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Mail once per user and value of this attribute (e.g. contractEnd), however often the policy matches").add()
                .build();
    }

    /** The mail's text: the configured message, then one block per user. Plain text, so nothing to escape. */
    static String body(String message, RealmModel realm, UserModel user, String consoleBase) {
        StringBuilder text = new StringBuilder(message == null ? DEFAULT_MESSAGE : message).append("\n\n");
        text.append("- ").append(user.getUsername());
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        if (!name.isEmpty()) {
            text.append(" (").append(name).append(")");
        }
        if (user.getEmail() != null) {
            text.append(" <").append(user.getEmail()).append(">");
        }
        text.append("\n  id: ").append(user.getId());
        text.append("\n  enabled: ").append(user.isEnabled());
        if (consoleBase != null) {
            text.append("\n  ").append(consoleBase).append("/admin/master/console/#/").append(realm.getName())
                    .append("/users/").append(user.getId()).append("/settings");
        }
        return text.append("\n").toString();
    }

    @Override
    void run(KeycloakSession session, RealmModel realm, UserModel user, StepConfig config) {
        String to = config.text(TO);
        if (to == null || !to.contains("@")) {
            throw new IllegalStateException(PROVIDER_ID + ": the step needs 'to', the address to mail");
        }
        if (alreadyTold(user, config)) {
            return;
        }
        String realmId = realm.getId();
        String userId = user.getId();
        String subject = config.text(SUBJECT) == null ? DEFAULT_SUBJECT : config.text(SUBJECT);
        String message = config.text(MESSAGE);
        // after commit and in a fresh transaction: the mail shows the user as the earlier steps left it
        AfterCommit.run(session, PROVIDER_ID + " for user " + userId, s -> {
            RealmModel r = s.realms().getRealm(realmId);
            UserModel current = r == null ? null : s.users().getUserById(r, userId);
            if (current == null) {
                return;
            }
            try {
                s.getProvider(EmailSenderProvider.class).send(r.getSmtpConfig(), to, subject,
                        body(message, r, current, LinkBase.of(r)), null);
            } catch (EmailException e) {
                LOG.warnf("%s for user %s in realm %s failed: %s", PROVIDER_ID, userId, r.getName(), MailFailure.describe(e));
            }
        });
    }

    /**
     * A scheduled policy enrols a user again each run while they match; with {@value #ONCE_PER} the admins
     * hear once per value (a new contractEnd date is news again). The mark is written in the step's
     * transaction, so a second node or a retry sees it.
     */
    private static boolean alreadyTold(UserModel user, StepConfig config) {
        String attribute = config.text(ONCE_PER);
        if (attribute == null) {
            return false;
        }
        String value = user.getFirstAttribute(attribute) == null ? "" : user.getFirstAttribute(attribute);
        String mark = NOTIFIED_PREFIX + config.id();
        if (value.equals(user.getFirstAttribute(mark))) {
            return true;
        }
        user.setSingleAttribute(mark, value);
        return false;
    }
}
