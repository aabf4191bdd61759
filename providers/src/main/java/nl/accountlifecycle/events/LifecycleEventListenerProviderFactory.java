package nl.accountlifecycle.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nl.accountlifecycle.activation.AutoInvite;
import nl.accountlifecycle.deactivation.Deactivation;
import nl.accountlifecycle.emailchange.EmailWatch;
import nl.accountlifecycle.emailchange.NonBlockingUpdateEmail;
import nl.accountlifecycle.odoo.OdooOutbox;
import nl.accountlifecycle.targets.TargetOutbox;
import nl.accountlifecycle.targets.TargetServerOptions;
import nl.accountlifecycle.targets.TargetSync;
import nl.accountlifecycle.odoo.OdooServerOptions;
import nl.accountlifecycle.odoo.OdooSync;
import nl.accountlifecycle.support.HostPolicy;
import nl.accountlifecycle.password.PasswordDates;
import nl.accountlifecycle.password.ReminderAvailability;
import nl.accountlifecycle.password.ReminderSchedule;
import nl.accountlifecycle.support.BundleProviderFactory;
import nl.accountlifecycle.support.KeycloakLine;
import nl.accountlifecycle.support.LifecycleEventHandler;
import nl.accountlifecycle.support.ServerPart;
import nl.accountlifecycle.support.StartupSelfCheck;
import nl.accountlifecycle.workflow.WorkflowApi;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.Version;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The bundle's event listener. Realms enable it by adding {@value #PROVIDER_ID} to their event listeners; each
 * capability's {@link LifecycleEventHandler} reacts to the events it receives. The server-wide parts of the Odoo sync
 * ({@link OdooSync}) and the password reminders ({@link ReminderSchedule}) keep their options under this provider's
 * keys ({@code spi-events-listener--account-lifecycle--...}); this factory starts and closes them.
 */
public final class LifecycleEventListenerProviderFactory
        extends BundleProviderFactory implements EventListenerProviderFactory, OdooServerOptions, ReminderAvailability,
        TargetServerOptions {

    private static final Logger LOG = Logger.getLogger(LifecycleEventListenerProviderFactory.class);

    public static final String PROVIDER_ID = "account-lifecycle";
    static final String OPTION_PREFIX = "spi-events-listener--" + PROVIDER_ID + "--";

    /** In this order: the outbox row first, then what a person sees (mail after commit), then the dates. */
    static final List<LifecycleEventHandler> HANDLERS = List.of(
            new OdooOutbox(), new TargetOutbox(), new AutoInvite(), new Deactivation(), new EmailWatch(), new PasswordDates());

    private ReminderSchedule reminders;
    private OdooSync odoo;
    private TargetSync targets;
    /** Both of the above, once init() has read them. */
    private List<ServerPart> parts = List.of();

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new LifecycleEventListenerProvider(session, HANDLERS);
    }

    @Override
    public void init(Config.Scope config) {
        reminders = ReminderSchedule.of(config, OPTION_PREFIX);
        odoo = OdooSync.of(config, OPTION_PREFIX);
        targets = TargetSync.of(config, OPTION_PREFIX);
        parts = List.of(reminders, odoo, targets);
    }

    @Override
    public Optional<String> remindersOff() {
        return reminders.remindersOff();
    }

    @Override
    public HostPolicy odooAllowedHosts() {
        return odoo.odooAllowedHosts();
    }

    @Override
    public HostPolicy targetHosts() {
        return targets.allowedHosts();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        KeycloakLine.startupNotes().forEach(LOG::warn);
        // Keycloak before 26.7 (or with the workflows feature off) leaves the policy steps out: one line says so
        String workflowsOff = WorkflowApi.offNote(Version.VERSION);
        if (workflowsOff != null) {
            LOG.info(workflowsOff);
        }
        StartupSelfCheck.updateEmail(factory.getProviderFactory(RequiredActionProvider.class,
                UserModel.RequiredAction.UPDATE_EMAIL.name()), NonBlockingUpdateEmail.class).ifPresent(LOG::warn);
        RealmRemoval.register(factory);
        parts.forEach(part -> part.postInit(factory));
    }

    @Override
    public void close() {
        parts.forEach(ServerPart::close);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        ProviderConfigurationBuilder options = ProviderConfigurationBuilder.create();
        ReminderSchedule.describe(options);
        OdooSync.describe(options);
        TargetSync.describe(options);
        return options.build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>(super.getOperationalInfo());
        parts.forEach(part -> part.info(info));
        return info;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
