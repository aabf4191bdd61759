package nl.accountlifecycle.admin;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import nl.accountlifecycle.activation.InvitationsResource;
import nl.accountlifecycle.activation.UserStatusResource;
import nl.accountlifecycle.deactivation.StatsResource;
import nl.accountlifecycle.emailchange.EmailChangeResource;
import nl.accountlifecycle.odoo.OdooResource;
import nl.accountlifecycle.targets.TargetsResource;
import nl.accountlifecycle.password.PasswordExpiryResource;
import nl.accountlifecycle.password.PasswordRemindersResource;
import nl.accountlifecycle.report.HygieneReportResource;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** The root of the bundle's admin API; each capability mounts its own sub-resource. Each checks permission first. */
public final class LifecycleAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    LifecycleAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                           AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @Path("invitations")
    public InvitationsResource invitations() {
        return new InvitationsResource(session, realm, auth, adminEvent);
    }

    @Path("users")
    public UserStatusResource users() {
        return new UserStatusResource(session, realm, auth);
    }

    @Path("users/{userId}/email-change")
    public EmailChangeResource emailChange(@PathParam("userId") String userId) {
        return new EmailChangeResource(session, realm, auth, adminEvent, userId);
    }

    @Path("password-expiry")
    public PasswordExpiryResource passwordExpiry() {
        return new PasswordExpiryResource(session, realm, auth);
    }

    @Path("password-reminders")
    public PasswordRemindersResource passwordReminders() {
        return new PasswordRemindersResource(session, realm, auth);
    }

    @Path("odoo")
    public OdooResource odoo() {
        return new OdooResource(session, realm, auth, adminEvent);
    }

    @Path("targets")
    public TargetsResource targets() {
        return new TargetsResource(session, realm, auth, adminEvent);
    }

    @Path("reports/hygiene")
    public HygieneReportResource hygieneReport() {
        return new HygieneReportResource(session, realm, auth, adminEvent);
    }

    @Path("stats")
    public StatsResource stats() {
        return new StatsResource(session, realm, auth);
    }
}
