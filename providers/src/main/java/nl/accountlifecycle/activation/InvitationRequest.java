package nl.accountlifecycle.activation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.admin.ApiError;
import nl.accountlifecycle.support.EmailAddresses;

/**
 * The body of {@code POST invitations} and {@code POST invitations/{id}/resend}, checked field by field.
 * Profile attributes are checked again by the realm's user profile when the user is created.
 */
public final class InvitationRequest {

    /** Profile attributes an invitation may carry, in the user profile's order. */
    public static final List<String> PROFILE_FIELDS =
            List.of("email", "firstName", "infix", "lastName", "title", "phone", "mobile", "jobTitle", "locale");
    static final int MAX_SUBJECT = 200;
    static final int MAX_MESSAGE = 5000;
    /** The most groups one invitation may name; each is looked up, so the list is kept short. */
    static final int MAX_GROUPS = 50;

    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<String> groups = new ArrayList<>();
    private String username;
    private String subject;
    private String message;
    private Integer lifespan;
    private String clientId;
    private String redirectUri;

    private InvitationRequest() {
    }

    /** For {@code POST invitations}: a new user. Email is trimmed and required; first and last name are required. */
    public static InvitationRequest forInvite(Map<String, Object> body) {
        InvitationRequest request = parseOptions(body);
        for (String field : PROFILE_FIELDS) {
            String value = optionalString(body, field);
            if (value != null) {
                value = value.strip();
                if (!value.isEmpty()) {
                    request.attributes.put(field, value);
                }
            }
        }
        for (String required : List.of("email", "firstName", "lastName")) {
            if (!request.attributes.containsKey(required)) {
                throw ApiError.badRequest(required, "missing_field", required + " is required");
            }
        }
        String email = request.attributes.get("email");
        if (!looksLikeEmail(email)) {
            throw ApiError.badRequest("email", "invalid_email", "email is not a valid address");
        }
        String username = optionalString(body, "username");
        request.username = username == null || username.isBlank() ? email : username.strip();
        Object groups = body.get("groups");
        if (groups != null) {
            if (!(groups instanceof List<?> list) || list.stream().anyMatch(g -> !(g instanceof String))) {
                throw ApiError.badRequest("groups", "invalid_field", "groups must be a list of group names or paths");
            }
            if (list.size() > MAX_GROUPS) {
                throw ApiError.badRequest("groups", "too_many", "at most " + MAX_GROUPS + " groups");
            }
            list.forEach(g -> request.groups.add(((String) g).strip()));
        }
        return request;
    }

    /** The user's language, if given, must be one the realm offers. */
    public void checkLocale(java.util.Set<String> supported) {
        String locale = attributes.get("locale");
        if (locale != null && !supported.contains(locale)) {
            throw ApiError.badRequest("locale", "unsupported_locale", "locale must be one of " + new java.util.TreeSet<>(supported));
        }
    }

    /** For {@code POST invitations/{id}/resend}: only the email options. */
    public static InvitationRequest forResend(Map<String, Object> body) {
        return parseOptions(body == null ? Map.of() : body);
    }

    private static InvitationRequest parseOptions(Map<String, Object> body) {
        InvitationRequest request = new InvitationRequest();
        String subject = optionalString(body, "subject");
        if (subject != null && !subject.isBlank()) {
            if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
                throw ApiError.badRequest("subject", "invalid_subject", "subject must be a single line");
            }
            if (subject.contains("=?")) {
                // the mailer encodes the subject itself; a pre-encoded word would be decoded by the mail client
                throw ApiError.badRequest("subject", "invalid_subject", "subject must be plain text, without \"=?\" encoded words");
            }
            if (subject.length() > MAX_SUBJECT) {
                throw ApiError.badRequest("subject", "too_long", "subject is longer than " + MAX_SUBJECT + " characters");
            }
            request.subject = subject.strip();
        }
        String message = optionalString(body, "message");
        if (message != null && !message.isBlank()) {
            if (message.length() > MAX_MESSAGE) {
                throw ApiError.badRequest("message", "too_long", "message is longer than " + MAX_MESSAGE + " characters");
            }
            request.message = message.strip();
        }
        Object lifespan = body.get("lifespan");
        if (lifespan != null) {
            if (!(lifespan instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() <= 0
                    || n.longValue() > Integer.MAX_VALUE) {
                throw ApiError.badRequest("lifespan", "invalid_lifespan", "lifespan must be a positive number of seconds");
            }
            request.lifespan = n.intValue();
        }
        request.clientId = blankToNull(optionalString(body, "clientId"));
        request.redirectUri = blankToNull(optionalString(body, "redirectUri"));
        return request;
    }

    private static String optionalString(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw ApiError.badRequest(field, "invalid_field", field + " must be a string");
        }
        return s;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A first check only; the realm's user profile validates the address fully. */
    static boolean looksLikeEmail(String value) {
        return EmailAddresses.looksLikeEmail(value);
    }

    /** The invitation options, with the lifespan checked against the realm maximum. */
    public Invitation invitation(int defaultLifespan, int maxLifespan) {
        int seconds = lifespan == null ? defaultLifespan : lifespan;
        if (seconds > maxLifespan) {
            throw ApiError.badRequest("lifespan", "lifespan_too_long",
                    "lifespan may be at most " + maxLifespan + " seconds in this realm");
        }
        return new Invitation(subject, message, seconds,
                clientId == null ? Invitation.DEFAULT_CLIENT : clientId, redirectUri);
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public List<String> groups() {
        return groups;
    }

    public String username() {
        return username;
    }

    public String email() {
        return attributes.get("email");
    }

    public String clientId() {
        return clientId;
    }

    public String redirectUri() {
        return redirectUri;
    }
}
