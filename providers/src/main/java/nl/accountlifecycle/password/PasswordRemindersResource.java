package nl.accountlifecycle.password;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.accountlifecycle.admin.ApiError;
import nl.accountlifecycle.admin.JsonBody;
import nl.accountlifecycle.support.ClusterOnce;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/account-lifecycle/password-reminders}. */
public final class PasswordRemindersResource {

    /** The JSON body of {@code PUT config}: {@code {"reminderDays": [14, 7, 1]}}. */
    public record ConfigBody(List<Integer> reminderDays) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public PasswordRemindersResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    /** The realm's reminder thresholds, as used by the scan. */
    @jakarta.ws.rs.GET
    @Path("config")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> config() {
        auth.users().requireQuery();
        PasswordSettings settings = PasswordSettings.of(realm);
        int policyDays = settings.policyDays();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reminderDays", settings.reminderDays());
        body.put("policyDays", policyDays <= 0 ? null : policyDays);
        return body;
    }

    /** Sets the thresholds, e.g. {@code {"reminderDays": [14, 7, 1]}}; a value the scan could not use is refused. */
    @jakarta.ws.rs.PUT
    @Path("config")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> updateConfig(java.io.InputStream in) {
        auth.realm().requireManageRealm();
        String json = ApiError.body(in);
        PasswordSettings settings = PasswordSettings.of(realm);
        int policyDays = settings.policyDays();
        if (policyDays <= 0) {
            throw ApiError.of(Response.Status.CONFLICT, "no_password_expiry", null,
                    "the realm's password policy has no forceExpiredPasswordChange, so there is nothing to remind of");
        }
        List<Integer> days = JsonBody.read(json, ConfigBody.class).reminderDays();
        if (days == null || days.isEmpty() || days.contains(null)) {
            throw ApiError.badRequest("reminderDays", "invalid_field", "reminderDays must be a non-empty list of days");
        }
        List<String> problems = ReminderThresholds.problems(
                String.join(",", days.stream().map(String::valueOf).toList()), policyDays);
        if (!problems.isEmpty()) {
            throw ApiError.badRequest("reminderDays", "invalid_field", String.join("; ", problems));
        }
        settings.storeReminderDays(days);
        return config();
    }

    /**
     * Runs one reminder scan of THIS realm now, under the same once-per-cluster lock as the scheduled runs. The lock
     * covers finding and recording the due users only; the mails go out afterwards on a worker, so the answer is
     * 202 with what was found and queued. Links use the realm's link base, never this request's host.
     */
    @POST
    @Path("run")
    @Produces(MediaType.APPLICATION_JSON)
    public Response run() {
        auth.users().requireManage();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        factory.getProviderFactoriesStream(org.keycloak.events.EventListenerProvider.class)
                .filter(ReminderAvailability.class::isInstance)
                .map(f -> ((ReminderAvailability) f).remindersOff())
                .flatMap(Optional::stream).findFirst()
                .ifPresent(reason -> {
                    throw ApiError.of(Response.Status.SERVICE_UNAVAILABLE, "reminders_off", null, reason);
                });
        String realmId = realm.getId();
        ReminderScan.Found found = ClusterOnce.runNow(factory, ReminderScan.LOCK, 60,
                s -> ReminderScan.scan(factory, realmId));
        if (found == null) {
            throw ApiError.of(Response.Status.CONFLICT, "scan_running", null, "a reminder scan is running; try again shortly");
        }
        if (!found.mails().isEmpty()) {
            session.getProvider(ExecutorsProvider.class).getExecutor(nl.accountlifecycle.support.AfterCommitMail.EXECUTOR)
                    .execute(() -> ReminderScan.deliver(factory, found.mails()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("due", found.due());
        body.put("queued", found.mails().size());
        body.put("skipped", found.skipped());
        body.put("scanMillis", found.scanMillis());
        return Response.accepted(body).build();
    }
}
