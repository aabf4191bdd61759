package nl.accountlifecycle.activation;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.accountlifecycle.admin.ApiError;
import nl.accountlifecycle.admin.Paging;
import nl.accountlifecycle.admin.UniqueWrite;
import nl.accountlifecycle.admin.UserAccess;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.EmailAddresses;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/** {@code /admin/realms/{realm}/account-lifecycle/invitations}: invite, resend and list. */
public final class InvitationsResource {

    static final int MAX_PAGE = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public InvitationsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                               AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response invite(InputStream body) {
        auth.users().requireManage();

        InvitationRequest request = InvitationRequest.forInvite(ApiError.body(body));
        request.checkLocale(realm.getSupportedLocalesStream().collect(java.util.stream.Collectors.toSet()));
        ActivationSettings settings = ActivationSettings.of(realm);
        Invitation invitation = request.invitation(settings.defaultLifespan(), settings.maxLifespan());
        checkClient(invitation);
        List<GroupModel> groups = resolveGroups(request.groups());
        if (EmailAddresses.spellings(request.email()).stream().anyMatch(e -> session.users().getUserByEmail(realm, e) != null)) {
            throw ApiError.conflict("email", "email_exists", "another user already has this email");
        }
        if (realm.isRegistrationEmailAsUsername() && !request.username().equalsIgnoreCase(request.email())) {
            // Keycloak would quietly replace it with the email; say so instead of ignoring the caller's value
            throw ApiError.badRequest("username", "email_as_username",
                    "this realm uses the email as username; leave username out");
        }
        if (session.users().getUserByUsername(realm, request.username()) != null) {
            throw ApiError.conflict("username", "username_exists", "another user already has this username");
        }
        for (GroupModel group : groups) {
            auth.groups().requireManageMembership(group);
        }

        Map<String, Object> attributes = new HashMap<>(request.attributes());
        attributes.put(UserModel.USERNAME, request.username());
        UserProfile profile = session.getProvider(UserProfileProvider.class).create(UserProfileContext.USER_API, attributes);
        try {
            profile.validate();
        } catch (ValidationException e) {
            throw ApiError.fromProfile(e);
        }

        UserModel user;
        try {
            user = profile.create();
        } catch (ModelDuplicateException e) {
            session.getTransactionManager().setRollbackOnly();
            throw ApiError.conflict("username", "username_exists", "another user already has this username");
        }
        user.setEnabled(true);
        groups.forEach(user::joinGroup);
        // a parallel invitation with the same address loses here with 409, and leaves nothing behind
        UniqueWrite.flushOrConflict(session, "email", "email_exists", "another user already has this email");
        Invitation.Sent sent = new ActivationMailer(session, realm).send(user, invitation, "activation_sent");

        adminEvent.operation(OperationType.CREATE)
                .resourcePath("users", user.getId())
                .detail(ActivateAccountRequiredAction.DETAIL_ACTION, "activation_sent")
                .success();
        return Response.status(Response.Status.CREATED)
                .location(session.getContext().getUri().getBaseUriBuilder()
                        .path("admin/realms/{realm}/users/{id}").build(realm.getName(), user.getId()))
                .entity(ActivationView.of(user, Clock.now()))
                .build();
    }

    @POST
    @Path("{userId}/resend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response resend(@PathParam("userId") String userId, InputStream body) {
        UserModel user = UserAccess.manageable(session, realm, auth, userId);

        InvitationRequest request = InvitationRequest.forResend(ApiError.body(body));
        ActivationSettings settings = ActivationSettings.of(realm);
        Invitation invitation = request.invitation(settings.defaultLifespan(), settings.maxLifespan());
        checkClient(invitation);
        if (ActivationState.isActivated(user)) {
            throw ApiError.conflict(null, "already_activated", "this account is already activated");
        }
        // a link sets a new password: never for an account that has one and was not invited
        if (ActivationState.status(user, Clock.now()) == ActivationState.Status.NONE
                && user.credentialManager().isConfiguredFor(PasswordCredentialModel.TYPE)) {
            throw ApiError.conflict("status", "not_invited",
                    "this account has a password and was never invited; it needs no activation link");
        }
        if (!user.isEnabled()) {
            throw ApiError.conflict(null, "user_disabled", "this account is disabled; enable it before sending a new link");
        }
        if (user.getEmail() == null) {
            throw ApiError.badRequest("email", "missing_field", "this user has no email address");
        }

        throttleResend(user, settings.adminResendIntervalSeconds());

        new ActivationMailer(session, realm).send(user, invitation, "activation_resent");
        adminEvent.operation(OperationType.ACTION)
                .resourcePath("users", user.getId(), "activation")
                .detail(ActivateAccountRequiredAction.DETAIL_ACTION, "activation_resent")
                .success();
        return Response.ok(ActivationView.of(user, Clock.now())).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> list(@QueryParam("status") String status,
                                    @QueryParam("first") String first,
                                    @QueryParam("max") String max) {
        // like Keycloak's user list: query-users lets the caller list, and the list holds only users they may view
        auth.users().requireQuery();

        ActivationState.Status wanted = status == null ? null : ActivationState.Status.parse(status);
        if (status != null && (wanted == null || wanted == ActivationState.Status.NONE)) {
            throw ApiError.badRequest("status", "invalid_status", "status must be pending, expired or activated");
        }
        return new InvitationList(session, realm, auth).page(wanted, Paging.of(first, max, 100, MAX_PAGE), Clock.now());
    }

    /**
     * At most one admin resend per user per interval, across the cluster: the first resend claims a key in Keycloak's
     * single-use store for the interval; another resend meanwhile is a 429 saying when to try again (counted from the
     * last link sent).
     */
    private void throttleResend(UserModel user, int intervalSeconds) {
        if (intervalSeconds <= 0) {
            return;
        }
        String key = "accountLifecycle.adminResend." + realm.getId() + "." + user.getId();
        if (!session.singleUseObjects().putIfAbsent(key, intervalSeconds)) {
            String sentAt = user.getFirstAttribute(ActivationState.SENT_AT);
            long since = sentAt == null ? 0 : Clock.now().getEpochSecond() - ActivationState.parseInstant(sentAt).getEpochSecond();
            long retryAfter = since < 0 || since >= intervalSeconds ? intervalSeconds : intervalSeconds - since;
            throw ApiError.tooManyRequests("resend_too_soon",
                    "a new link was sent to this user less than " + intervalSeconds + " seconds ago; try again later", retryAfter);
        }
    }

    private void checkClient(Invitation invitation) {
        ClientModel client = realm.getClientByClientId(invitation.clientId());
        if (client == null || !client.isEnabled()) {
            throw ApiError.badRequest("clientId", "unknown_client", "no enabled client " + invitation.clientId());
        }
        if (invitation.redirectUri() != null
                && RedirectUtils.verifyRedirectUri(session, invitation.redirectUri(), client) == null) {
            throw ApiError.badRequest("redirectUri", "invalid_redirect_uri",
                    "redirectUri is not a valid redirect of client " + invitation.clientId());
        }
    }

    private List<GroupModel> resolveGroups(List<String> names) {
        List<GroupModel> groups = new ArrayList<>();
        for (String name : new java.util.LinkedHashSet<>(names)) {
            String path = name.startsWith("/") ? name : "/" + name;
            GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, path);
            if (group == null) {
                throw ApiError.badRequest("groups", "unknown_group", "no group " + name);
            }
            groups.add(group);
        }
        return groups;
    }
}
