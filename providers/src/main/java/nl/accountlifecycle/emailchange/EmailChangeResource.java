package nl.accountlifecycle.emailchange;

import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.accountlifecycle.admin.ApiError;
import nl.accountlifecycle.admin.JsonBody;
import nl.accountlifecycle.admin.UniqueWrite;
import nl.accountlifecycle.admin.UserAccess;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.EmailAddresses;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.ModelToRepresentation;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.utils.EmailValidationUtil;

/**
 * {@code /admin/realms/{realm}/account-lifecycle/users/{userId}/email-change}: an admin changes a user's email.
 * <ul>
 *   <li>{@code POST {"email": ..., "mode": "confirm"}}: a link goes to the NEW address; nothing changes until the
 *   user opens it. A newer request replaces the pending one; {@code DELETE} cancels it.</li>
 *   <li>{@code POST {"email": ..., "mode": "immediate"}}: the helpdesk sets it at once; the old address is told
 *   and every session, offline ones included, ends.</li>
 * </ul>
 * Every input is checked before anything is written; a refused request changes nothing and sends nothing.
 */
public final class EmailChangeResource {

    public static final String DETAIL_CHANGED_BY = "account_lifecycle_changed_by";

    /** The JSON body of {@code POST}: {@code {"email": ..., "mode": "confirm" | "immediate"}}. */
    public record Request(String email, String mode) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final String userId;

    public EmailChangeResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                               AdminEventBuilder adminEvent, String userId) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
        this.userId = userId;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(InputStream in) {
        UserModel user = managedUser();
        Request body = JsonBody.read(in, Request.class);
        String mode = body.mode();
        if (!"confirm".equals(mode) && !"immediate".equals(mode)) {
            throw ApiError.badRequest("mode", "invalid_mode", "mode must be \"confirm\" or \"immediate\"");
        }
        String email = body.email();
        if (email == null || email.isBlank()) {
            throw ApiError.badRequest("email", "missing_field", "email is required");
        }
        email = email.strip().toLowerCase(Locale.ROOT);
        // the same first check as the invitation, so an over-long address is a 400 here too
        if (!EmailAddresses.looksLikeEmail(email) || !EmailValidationUtil.isValidEmail(email)) {
            throw ApiError.badRequest("email", "invalid_email", "email is not a valid address");
        }
        if (EmailChangeState.sameAddress(email, user.getEmail())) {
            throw ApiError.badRequest("email", "same_email", "this is already the user's email address");
        }
        // the same mailbox under another spelling of its domain (Unicode or ASCII) counts as taken
        for (String spelling : EmailAddresses.spellings(email)) {
            UserModel holder = session.users().getUserByEmail(realm, spelling);
            if (holder != null && !holder.getId().equals(user.getId())) {
                throw ApiError.conflict("email", "email_exists", "another user already has this email");
            }
        }
        if ("confirm".equals(mode) && !user.isEnabled()) {
            throw ApiError.conflict("enabled", "user_disabled",
                    "this account is disabled; enable it, or use mode \"immediate\"");
        }
        checkWithUserProfile(user, email);
        return "confirm".equals(mode) ? requestConfirmation(user, email) : changeNow(user, email);
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel() {
        UserModel user = managedUser();
        if (EmailChangeState.pendingId(user) == null) {
            throw ApiError.of(Response.Status.NOT_FOUND, "no_pending_change", null,
                    "this user has no pending email change");
        }
        EmailChangeState.clearPending(user);
        adminEvent.operation(OperationType.ACTION)
                .resourcePath("users", user.getId(), "email-change")
                .detail(DETAIL_CHANGED_BY, "cancelled")
                .success();
        return Response.noContent().build();
    }

    /** The pending change for the per-user status; null when there is none. */
    public static Map<String, Object> pendingOf(UserModel user, Instant now) {
        String pending = EmailChangeState.pendingEmail(user);
        if (pending == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("pendingEmail", pending);
        view.put("requestedAt", user.getFirstAttribute(EmailChangeState.REQUESTED_AT));
        String expiresAt = user.getFirstAttribute(EmailChangeState.EXPIRES_AT);
        view.put("expiresAt", expiresAt);
        view.put("expired", expiresAt != null && !Instant.parse(expiresAt).isAfter(now));
        view.put("lastError", user.getFirstAttribute(EmailChangeState.LAST_ERROR));
        return view;
    }

    private Response requestConfirmation(UserModel user, String email) {
        Instant now = Clock.now();
        Instant expiresAt = EmailChangeConfirmation.request(session, realm, user, email);

        adminEvent.operation(OperationType.ACTION)
                .resourcePath("users", user.getId(), "email-change")
                .detail(DETAIL_CHANGED_BY, "admin_request")
                .detail("expires_at", expiresAt.toString())
                .success();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("mode", "confirm");
        answer.put("userId", user.getId());
        answer.put("email", user.getEmail());
        answer.put("emailChange", pendingOf(user, now));
        return Response.accepted(answer).build();
    }

    /**
     * The realm's own rules for a new address, as Keycloak's update-email action applies them: the user profile's
     * validators on the {@code email} attribute (format, length, and any validator the realm added).
     */
    private void checkWithUserProfile(UserModel user, String email) {
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put(UserModel.USERNAME, List.of(user.getUsername()));
        attributes.put(UserModel.EMAIL, List.of(email));
        try {
            session.getProvider(UserProfileProvider.class).create(UserProfileContext.UPDATE_EMAIL, attributes, user).validate();
        } catch (ValidationException e) {
            if (e.getErrors().get(0).getStatusCode() == Response.Status.CONFLICT) {
                // the caller gave only the address: with email as username, a taken username is a taken address
                throw ApiError.conflict("email", "email_exists", "another user already has this email");
            }
            throw ApiError.fromProfile(e);
        }
    }

    private Response changeNow(UserModel user, String email) {
        String oldEmail = user.getEmail();
        EmailChangeState.setVerifiedAddress(realm, user, email);
        // a parallel change to the same address loses here with 409; nothing is written and no mail goes out
        UniqueWrite.flushOrConflict(session, "email", "email_exists", "another user already has this email");
        int ended = EmailChangeNotice.afterImmediateChange(session, realm, user, oldEmail, EmailChangeNotice.Via.HELPDESK,
                "helpdesk");
        adminEvent.operation(OperationType.UPDATE)
                .resourcePath("users", user.getId())
                .representation(ModelToRepresentation.toBriefRepresentation(user))
                .detail(DETAIL_CHANGED_BY, "helpdesk")
                .success();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("mode", "immediate");
        answer.put("userId", user.getId());
        answer.put("email", user.getEmail());
        answer.put("sessionsEnded", ended);
        return Response.ok(answer).build();
    }

    /** Permission first: an unknown id answers 404 only to someone allowed to manage every user. */
    private UserModel managedUser() {
        return UserAccess.manageable(session, realm, auth, userId);
    }
}
