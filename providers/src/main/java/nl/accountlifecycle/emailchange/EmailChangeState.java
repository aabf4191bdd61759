package nl.accountlifecycle.emailchange;

import java.time.Instant;

import nl.accountlifecycle.support.EmailAddresses;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What the bundle keeps on a user about email changes, as user attributes that admins can read in the console
 * and users cannot see or edit (the demo realm's unmanaged-attribute policy is admin-view).
 * <ul>
 *   <li>a pending admin-requested change: the new address, its id (in the link) and when it expires;</li>
 *   <li>the last address the bundle saw ({@value #KNOWN_EMAIL}): Keycloak's admin events do not carry the
 *   previous value, so this is how a change saved in the admin console is recognised and the old address
 *   found.</li>
 * </ul>
 */
public final class EmailChangeState {

    public static final String PENDING_EMAIL = "accountLifecycle.emailChange.pendingEmail";
    public static final String PENDING_ID = "accountLifecycle.emailChange.pendingId";
    public static final String REQUESTED_AT = "accountLifecycle.emailChange.requestedAt";
    public static final String EXPIRES_AT = "accountLifecycle.emailChange.expiresAt";
    public static final String KNOWN_EMAIL = "accountLifecycle.emailChange.knownEmail";
    /** Why the confirmation mail of the pending change could not be sent: a moment and a kind, never an address. */
    public static final String LAST_ERROR = "accountLifecycle.emailChange.lastError";

    private EmailChangeState() {
    }

    static void markPending(UserModel user, String email, String changeId, Instant now, Instant expiresAt) {
        user.setSingleAttribute(PENDING_EMAIL, email);
        user.setSingleAttribute(PENDING_ID, changeId);
        user.setSingleAttribute(REQUESTED_AT, now.toString());
        user.setSingleAttribute(EXPIRES_AT, expiresAt.toString());
        user.removeAttribute(LAST_ERROR);
    }

    /** Records a failed confirmation mail, unless a newer request or a cancel replaced that change meanwhile. */
    static void recordFailure(UserModel user, String changeId, String lastError) {
        if (changeId.equals(pendingId(user))) {
            user.setSingleAttribute(LAST_ERROR, lastError);
        }
    }

    static void clearPending(UserModel user) {
        user.removeAttribute(PENDING_EMAIL);
        user.removeAttribute(PENDING_ID);
        user.removeAttribute(REQUESTED_AT);
        user.removeAttribute(EXPIRES_AT);
        user.removeAttribute(LAST_ERROR);
    }

    static String pendingId(UserModel user) {
        return user.getFirstAttribute(PENDING_ID);
    }

    static String pendingEmail(UserModel user) {
        return user.getFirstAttribute(PENDING_EMAIL);
    }

    /** The last address the bundle saw on this user, or null when it has not seen one yet. */
    static String knownEmail(UserModel user) {
        return user.getFirstAttribute(KNOWN_EMAIL);
    }

    /**
     * Gives the user {@code email}; in a realm that uses the email as username, the username follows, as it does
     * when Keycloak's own forms change the address.
     */
    static void setAddress(RealmModel realm, UserModel user, String email) {
        if (realm.isRegistrationEmailAsUsername()) {
            user.setUsername(email);
        }
        user.setEmail(email);
    }

    /** {@link #setAddress} for an address the person has shown to be theirs, or a helpdesk vouches for. */
    static void setVerifiedAddress(RealmModel realm, UserModel user, String email) {
        setAddress(realm, user, email);
        user.setEmailVerified(true);
        user.removeRequiredAction(UserModel.RequiredAction.VERIFY_EMAIL);
    }

    /** Records the user's current address as the known one. */
    static void remember(UserModel user) {
        if (user.getEmail() == null) {
            user.removeAttribute(KNOWN_EMAIL);
        } else if (!user.getEmail().equals(knownEmail(user))) {
            user.setSingleAttribute(KNOWN_EMAIL, user.getEmail());
        }
    }

    /** One mailbox: compared in lower case with the domain in its ASCII form. */
    static boolean sameAddress(String a, String b) {
        return EmailAddresses.same(a, b);
    }
}
