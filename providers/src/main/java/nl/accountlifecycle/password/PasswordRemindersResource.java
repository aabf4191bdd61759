package nl.accountlifecycle.password;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.accountlifecycle.admin.ApiError;
import nl.accountlifecycle.support.ClusterOnce;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/account-lifecycle/password-reminders}. */
public final class PasswordRemindersResource {

    private final KeycloakSession session;
    private final AdminPermissionEvaluator auth;

    public PasswordRemindersResource(KeycloakSession session, AdminPermissionEvaluator auth) {
        this.session = session;
        this.auth = auth;
    }

    /** Runs one reminder scan now, under the same once-per-cluster lock as the scheduled runs. */
    @POST
    @Path("run")
    @Produces(MediaType.APPLICATION_JSON)
    public Response run() {
        auth.users().requireManage();
        String base = session.getContext().getUri().getBaseUri().toString();
        ReminderScan.Result result = ClusterOnce.runNow(session.getKeycloakSessionFactory(), ReminderScan.LOCK, 300,
                s -> ReminderScan.run(session.getKeycloakSessionFactory(), base));
        if (result == null) {
            throw ApiError.of(Response.Status.CONFLICT, "scan_running", null, "a reminder scan is running; try again shortly");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("due", result.due());
        body.put("sent", result.sent());
        body.put("skipped", result.skipped());
        return Response.ok(body).build();
    }
}
