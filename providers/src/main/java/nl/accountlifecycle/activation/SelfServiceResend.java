package nl.accountlifecycle.activation;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import nl.accountlifecycle.support.AfterCommitMail;
import nl.accountlifecycle.support.Clock;
import nl.accountlifecycle.support.InRealm;
import nl.accountlifecycle.support.LinkBase;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code /realms/{realm}/account-lifecycle/activation/resend}: a user whose link expired asks for a new one.
 * The answer is the same whether or not the address belongs to an account, and takes the same time: the mail
 * goes out on a worker after the answer. Only an expired invitation gets a new link, at most one per
 * {@link #MIN_INTERVAL}.
 */
public final class SelfServiceResend {

    private static final Logger LOG = Logger.getLogger(SelfServiceResend.class);

    static final Duration MIN_INTERVAL = Duration.ofMinutes(15);
    static final String LAST_SELF_RESEND = "accountLifecycle.activation.selfResendAt";
    static final String TEMPLATE = "account-lifecycle-resend.ftl";
    static final String MSG_SENT = "accountLifecycle.activation.resend.sent";
    static final String MSG_NOT_ALLOWED = "accountLifecycle.activation.expired";
    static final String MSG_EXPIRED_RESEND = "accountLifecycle.activation.expired.resend";

    private final KeycloakSession session;
    private final RealmModel realm;

    public SelfServiceResend(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The form's own URL, for the expired-link page. */
    public static String actionUrl(UriInfo uri, RealmModel realm) {
        return uri.getBaseUriBuilder().path("realms/{realm}/account-lifecycle/activation/resend").build(realm.getName()).toString();
    }

    /** The page a user with an expired link sees: a form where the realm allows it, else "ask your administrator". */
    public static Response expiredPage(KeycloakSession session, RealmModel realm) {
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class)
                .setAttribute("messageHeader", ActivationTokenHandler.MSG_TITLE);
        if (!ActivationSettings.of(realm).selfServiceResend()) {
            return forms.setAttribute("skipLink", true).setInfo(MSG_NOT_ALLOWED).createInfoPage();
        }
        return forms.setAttribute("resendAction", actionUrl(session.getContext().getUri(), realm))
                .setAttribute("resendIntro", MSG_EXPIRED_RESEND)
                .createForm(TEMPLATE);
    }

    @GET
    @Path("resend")
    @Produces(MediaType.TEXT_HTML)
    public Response form() {
        return expiredPage(session, realm);
    }

    @POST
    @Path("resend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response resend(@FormParam("email") String email) {
        if (!ActivationSettings.of(realm).selfServiceResend()) {
            return expiredPage(session, realm);
        }
        if (email != null && !email.isBlank() && email.length() <= 254) {
            // every address takes this same path: the lookup, the new link and the mail all happen on the worker
            KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
            String realmId = realm.getId();
            String address = email.strip();
            // anyone may post this form: the link's host is the realm's frontend URL or --hostname where set
            URI configured = LinkBase.uri(realm);
            URI base = configured != null ? configured : session.getContext().getUri().getBaseUri();
            session.getProvider(ExecutorsProvider.class).getExecutor(AfterCommitMail.EXECUTOR)
                    .execute(() -> resendIfExpired(factory, realmId, address, base));
        }
        // the same page, at once, for known, unknown, activated and rate-limited addresses
        return session.getProvider(LoginFormsProvider.class)
                .setAttribute("messageHeader", ActivationTokenHandler.MSG_TITLE)
                .setAttribute("skipLink", true)
                .setInfo(MSG_SENT)
                .createInfoPage();
    }

    private static void resendIfExpired(KeycloakSessionFactory factory, String realmId, String address, URI base) {
        try {
            InRealm.run(factory, realmId, (s, r) -> {
                UserModel user = s.users().getUserByEmail(r, address);
                Instant now = Clock.now();
                if (user != null && mayResend(user, now)) {
                    user.setSingleAttribute(LAST_SELF_RESEND, ActivationState.iso(now));
                    new ActivationMailer(s, r, base).send(user,
                            Invitation.defaults(ActivationSettings.of(r).defaultLifespan()), "activation_resent");
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("self-service resend in realm %s failed: %s", realmId, e.getClass().getSimpleName());
        }
    }

    /**
     * Only an EXPIRED invitation gets a new link: replacing a link that still works would let anyone cut an admin's
     * long-lived link down to the default lifespan, without signing in.
     */
    static boolean mayResend(UserModel user, Instant now) {
        if (!user.isEnabled() || ActivationState.isActivated(user) || user.getEmail() == null) {
            return false;
        }
        if (ActivationState.status(user, now) != ActivationState.Status.EXPIRED) {
            return false;
        }
        String last = user.getFirstAttribute(LAST_SELF_RESEND);
        return last == null || ActivationState.parseInstant(last).plus(MIN_INTERVAL).isBefore(now);
    }
}
