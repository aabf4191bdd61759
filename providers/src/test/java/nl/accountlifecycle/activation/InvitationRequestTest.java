package nl.accountlifecycle.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.admin.ApiError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvitationRequestTest {

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> map = new HashMap<>(Map.of("email", "jan@example.org", "firstName", "Jan", "lastName", "Berg"));
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }

    private static InvitationRequest invite(Map<String, ?> body) {
        return InvitationRequest.forInvite(json(body));
    }

    private static InvitationRequest resend(Map<String, ?> body) {
        return InvitationRequest.forResend(json(body));
    }

    private static String json(Map<String, ?> body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<?, ?> error(ApiError e) {
        return (Map<?, ?>) e.getResponse().getEntity();
    }

    @Test
    @DisplayName("Given an email with surrounding spaces then it is trimmed and becomes the username")
    void emailTrimmed() {
        InvitationRequest request = invite(body("email", "  jan@example.org \t"));

        assertEquals("jan@example.org", request.email());
        assertEquals("jan@example.org", request.username());
    }

    @ParameterizedTest
    @ValueSource(strings = {"firstName", "lastName", "email"})
    @DisplayName("Given a missing required field then the error names it")
    void missingRequired(String field) {
        Map<String, Object> body = body();
        body.remove(field);

        ApiError e = assertThrows(ApiError.class, () -> invite(body));

        assertEquals(400, e.getResponse().getStatus());
        assertEquals(field, error(e).get("field"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-at-sign", "two@@example.org", "jan@example", "jan doe@example.org", "jan@example.org."})
    @DisplayName("Given an invalid email then it is refused")
    void invalidEmail(String email) {
        ApiError e = assertThrows(ApiError.class, () -> invite(body("email", email)));
        assertEquals("email", error(e).get("field"));
    }

    @Test
    @DisplayName("Given a subject with a line break then it is refused")
    void subjectNewline() {
        ApiError e = assertThrows(ApiError.class, () -> invite(body("subject", "Hi\r\nBcc: x@y.z")));
        assertEquals("subject", error(e).get("field"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=?UTF-8?B?SGFsbG8=?=", "Welkom =?iso-8859-1?q?caf=E9?=", "a=?b"})
    @DisplayName("Given a subject with an encoded word (=?) then it is refused, for invitations and resends")
    void subjectEncodedWord(String subject) {
        assertEquals("subject", error(assertThrows(ApiError.class, () -> invite(body("subject", subject)))).get("field"));
        assertEquals("subject", error(assertThrows(ApiError.class, () -> resend(Map.of("subject", subject)))).get("field"));
    }

    @Test
    @DisplayName("Given a too long subject or message then it is refused")
    void tooLong() {
        assertEquals("subject", error(assertThrows(ApiError.class,
                () -> invite(body("subject", "x".repeat(201))))).get("field"));
        assertEquals("message", error(assertThrows(ApiError.class,
                () -> invite(body("message", "x".repeat(5001))))).get("field"));
    }

    @Test
    @DisplayName("Given a lifespan over the realm maximum then it is refused; within it, it is used")
    void lifespanBounded() {
        InvitationRequest request = invite(body("lifespan", 7200));
        assertEquals(7200, request.invitation(259200, 86400).lifespanSeconds());

        InvitationRequest tooLong = invite(body("lifespan", 90000));
        ApiError e = assertThrows(ApiError.class, () -> tooLong.invitation(259200, 86400));
        assertEquals("lifespan", error(e).get("field"));
        assertThrows(ApiError.class, () -> invite(body("lifespan", -5)));
        assertThrows(ApiError.class, () -> invite(body("lifespan", "soon")));
    }

    @Test
    @DisplayName("Given no options then the realm's lifespan and the account console are used")
    void defaults() {
        Invitation invitation = invite(body()).invitation(259200, 2592000);

        assertEquals(259200, invitation.lifespanSeconds());
        assertEquals("account-console", invitation.clientId());
        assertEquals(null, invitation.subject());
    }

    @Test
    @DisplayName("Given groups that are not strings then they are refused")
    void groupsMustBeStrings() {
        assertEquals("groups", error(assertThrows(ApiError.class,
                () -> invite(body("groups", List.of(1, 2))))).get("field"));
        assertTrue(invite(body("groups", List.of("users"))).groups().contains("users"));
        assertFalse(InvitationRequest.looksLikeEmail(null));
    }
}
