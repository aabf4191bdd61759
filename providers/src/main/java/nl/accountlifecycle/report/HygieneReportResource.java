package nl.accountlifecycle.report;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import nl.accountlifecycle.activation.ActivationState;
import nl.accountlifecycle.admin.ApiError;
import nl.accountlifecycle.admin.Paging;
import nl.accountlifecycle.odoo.OdooSettings;
import nl.accountlifecycle.password.PasswordExpiry;
import nl.accountlifecycle.support.Clock;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/account-lifecycle/reports/hygiene}: the account hygiene report for a periodic access
 * review, as JSON (one page) or CSV (streamed, the whole realm unless paged), and its one-click repairs. Reading needs
 * {@code view-users}, repairing {@code manage-users}.
 */
public final class HygieneReportResource {

    static final int DEFAULT_INACTIVE_DAYS = 90;
    static final int MAX_INACTIVE_DAYS = 3650;
    static final int JSON_PAGE = 100;
    static final int JSON_LARGEST_PAGE = 1000;
    static final MediaType CSV = new MediaType("text", "csv", "utf-8");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public HygieneReportResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                 AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response report(@QueryParam("format") String format, @QueryParam("inactiveDays") String inactiveDays,
                           @QueryParam("first") String first, @QueryParam("max") String max) {
        auth.users().requireView();
        boolean csv = csv(format);
        int days = ApiError.intParam(inactiveDays, "inactiveDays", DEFAULT_INACTIVE_DAYS);
        if (days < 1 || days > MAX_INACTIVE_DAYS) {
            throw ApiError.badRequest("inactiveDays", "invalid_field", "inactiveDays must be between 1 and " + MAX_INACTIVE_DAYS);
        }
        boolean whole = csv && (first == null || first.isBlank()) && (max == null || max.isBlank());
        Paging window = whole ? new Paging(0, Integer.MAX_VALUE)
                : csv ? Paging.of(first, max, Integer.MAX_VALUE, Integer.MAX_VALUE)
                : Paging.of(first, max, JSON_PAGE, JSON_LARGEST_PAGE);
        HygieneRules.Criteria criteria = new HygieneRules.Criteria(Clock.now(), days, PasswordExpiry.policyDays(realm),
                loginSource(days), OdooSettings.enabled(realm));
        HygieneScan scan = new HygieneScan(session.getKeycloakSessionFactory(), realm.getId(), criteria);
        String repairUrl = repairUrl();
        return csv ? csvResponse(scan, window, repairUrl) : jsonResponse(scan, window, criteria, repairUrl);
    }

    @POST
    @Path("repair")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response repair(InputStream in) {
        auth.users().requireManage();
        return new HygieneRepair(session, realm, auth, adminEvent).apply(ApiError.jsonObject(ApiError.body(in)));
    }

    /** {@code format} wins; without it, an {@code Accept} that prefers {@code text/csv} gets CSV. */
    private boolean csv(String format) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip()) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiError.badRequest("format", "invalid_field", "format must be json or csv");
            };
        }
        List<MediaType> accepted = session.getContext().getRequestHeaders().getAcceptableMediaTypes();
        return !accepted.isEmpty() && "text".equals(accepted.get(0).getType()) && "csv".equals(accepted.get(0).getSubtype());
    }

    /**
     * The event store answers "last login" when the realm saves LOGIN events and keeps them at least
     * {@code inactiveDays}; otherwise a login older than the retention would look like none at all.
     */
    private HygieneRules.LoginSource loginSource(int inactiveDays) {
        boolean saved = realm.isEventsEnabled() && realm.getEnabledEventTypesStream()
                .map(type -> type.equals("LOGIN")).reduce(Boolean::logicalOr).orElse(true);
        Long expiration = realm.getEventsExpiration();
        boolean keptLongEnough = expiration == null || expiration <= 0 || expiration >= inactiveDays * 86_400L;
        return saved && keptLongEnough ? HygieneRules.LoginSource.EVENTS : HygieneRules.LoginSource.NONE;
    }

    /** The repair endpoint's path on this server, never a host taken from the request. */
    private String repairUrl() {
        String base = session.getContext().getUri().getBaseUri().getPath();
        return (base.endsWith("/") ? base : base + "/") + "admin/realms/" + realm.getName()
                + "/account-lifecycle/reports/hygiene/repair";
    }

    private Response jsonResponse(HygieneScan scan, Paging window, HygieneRules.Criteria criteria, String repairUrl) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            scan.run(new Paging(window.first(), window.max() + 1), row -> rows.add(row.view(repairUrl)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        boolean more = rows.size() > window.max();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("generatedAt", ActivationState.iso(criteria.now()));
        body.put("inactiveDays", criteria.inactiveDays());
        body.put("lastLoginSource", criteria.loginSource().wire());
        body.put("first", window.first());
        body.put("max", window.max());
        body.put("more", more);
        body.put("rows", more ? rows.subList(0, window.max()) : rows);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Response csvResponse(HygieneScan scan, Paging window, String repairUrl) {
        StreamingOutput stream = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(Csv.line(HygieneRow.COLUMNS));
            scan.run(window, row -> {
                writer.write(row.csv(repairUrl));
                return true;
            });
            writer.flush();
        };
        String file = "hygiene-" + realm.getName().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + HygieneRules.day(Clock.now()) + ".csv";
        return Response.ok(stream, CSV).header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }
}
