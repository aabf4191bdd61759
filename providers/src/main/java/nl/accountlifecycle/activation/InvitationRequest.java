package nl.accountlifecycle.activation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.admin.ApiError;
import nl.accountlifecycle.admin.JsonBody;
import nl.accountlifecycle.support.EmailAddresses;

/**
 * The body of {@code POST invitations} and {@code POST invitations/{id}/resend}, read into a typed record
 * ({@link JsonBody}: a field of the wrong type is a 400 naming it) and then checked field by field.
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

    /** The JSON body of {@code POST invitations}, as sent; checked by {@link #forInvite}. */
    public record InviteBody(String email, String firstName, String infix, String lastName, String title, String phone,
                             String mobile, String jobTitle, String locale, String username, List<String> groups,
                             String subject, String message, BigDecimal lifespan, String clientId,
                             String redirectUri) {

        /** The profile attributes given, in {@link #PROFILE_FIELDS} order. */
        Map<String, String> profile() {
            String[] values = {email, firstName, infix, lastName, title, phone, mobile, jobTitle, locale};
            Map<String, String> profile = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                profile.put(PROFILE_FIELDS.get(i), values[i]);
            }
            return profile;
        }

        Options options() {
            return new Options(subject, message, lifespan, clientId, redirectUri);
        }
    }

    /** The JSON body of {@code POST invitations/{id}/resend}: only the email options; checked by {@link #forResend}. */
    public record Options(String subject, String message, BigDecimal lifespan, String clientId, String redirectUri) {
    }

    /** For {@code POST invitations}: a new user. Email is trimmed and required; first and last name are required. */
    public static InvitationRequest forInvite(String json) {
        InviteBody body = JsonBody.read(json, InviteBody.class);
        InvitationRequest request = parseOptions(body.options());
        body.profile().forEach((field, value) -> {
            if (value != null && !value.isBlank()) {
                request.attributes.put(field, value.strip());
            }
        });
        for (String required : List.of("email", "firstName", "lastName")) {
            if (!request.attributes.containsKey(required)) {
                throw ApiError.badRequest(required, "missing_field", required + " is required");
            }
        }
        String email = request.attributes.get("email");
        if (!looksLikeEmail(email)) {
            throw ApiError.badRequest("email", "invalid_email", "email is not a valid address");
        }
        request.username = body.username() == null || body.username().isBlank() ? email : body.username().strip();
        if (body.groups() != null) {
            if (body.groups().size() > MAX_GROUPS) {
                throw ApiError.badRequest("groups", "too_many", "at most " + MAX_GROUPS + " groups");
            }
            if (body.groups().contains(null)) {
                throw ApiError.badRequest("groups", "invalid_field", "groups must be a list of group names or paths");
            }
            body.groups().forEach(g -> request.groups.add(g.strip()));
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

    /** For {@code POST invitations/{id}/resend}: only the email options; an empty body means none. */
    public static InvitationRequest forResend(String json) {
        return parseOptions(json == null || json.isBlank() ? new Options(null, null, null, null, null)
                : JsonBody.read(json, Options.class));
    }

    private static InvitationRequest parseOptions(Options body) {
        InvitationRequest request = new InvitationRequest();
        String subject = body.subject();
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
        String message = body.message();
        if (message != null && !message.isBlank()) {
            if (message.length() > MAX_MESSAGE) {
                throw ApiError.badRequest("message", "too_long", "message is longer than " + MAX_MESSAGE + " characters");
            }
            request.message = message.strip();
        }
        BigDecimal lifespan = body.lifespan();
        if (lifespan != null) {
            // a whole number of seconds, also when written as 3600.0, that fits an int
            if (lifespan.signum() <= 0 || lifespan.stripTrailingZeros().scale() > 0
                    || lifespan.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                throw ApiError.badRequest("lifespan", "invalid_lifespan", "lifespan must be a positive number of seconds");
            }
            request.lifespan = lifespan.intValueExact();
        }
        request.clientId = blankToNull(body.clientId());
        request.redirectUri = blankToNull(body.redirectUri());
        return request;
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
