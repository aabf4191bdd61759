package nl.accountlifecycle.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import nl.accountlifecycle.activation.InvitationRequest;
import nl.accountlifecycle.emailchange.EmailChangeResource;
import nl.accountlifecycle.password.PasswordRemindersResource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {

    static final String VALID = "\"email\":\"jan@example.org\",\"firstName\":\"Jan\",\"lastName\":\"Berg\"";

    private static Map<?, ?> refused(String json, Class<? extends Record> type) {
        ApiError e = assertThrows(ApiError.class, () -> JsonBody.read(json, type));
        assertEquals(400, e.getResponse().getStatus());
        return (Map<?, ?>) e.getResponse().getEntity();
    }

    @ParameterizedTest(name = "body \"{0}\"")
    @ValueSource(strings = {"", " ", "{not json", "[]", "null", "\"text\"", "42", "{} {}", "{\"email\":"})
    @DisplayName("Given a body that is not one JSON object then 400 invalid_json without a field")
    void notAnObject(String json) {
        Map<?, ?> error = refused(json, InvitationRequest.InviteBody.class);
        assertEquals("invalid_json", error.get("error"));
        assertNull(error.get("field"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            "email":42                      | email       | email must be a string
            "email":["a@example.org"]       | email       | email must be a string
            "firstName":true                | firstName   | firstName must be a string
            "lastName":{}                   | lastName    | lastName must be a string
            "title":[]                      | title       | title must be a string
            "locale":7                      | locale      | locale must be a string
            "username":12                   | username    | username must be a string
            "groups":"users"                | groups      | groups must be a list of strings
            "groups":[1,2]                  | groups      | groups must be a list of strings
            "subject":3                     | subject     | subject must be a string
            "message":["m"]                 | message     | message must be a string
            "lifespan":"3600"               | lifespan    | lifespan must be a number
            "lifespan":true                 | lifespan    | lifespan must be a number
            "clientId":5                    | clientId    | clientId must be a string
            "redirectUri":false             | redirectUri | redirectUri must be a string
            """)
    @DisplayName("Given a field of the wrong type then 400 invalid_field naming it, never a conversion")
    void wrongType(String field, String name, String message) {
        Map<?, ?> error = refused("{" + VALID + "," + field + "}", InvitationRequest.InviteBody.class);
        assertEquals("invalid_field", error.get("error"));
        assertEquals(name, error.get("field"));
        assertEquals(message, error.get("message"));
    }

    @Test
    @DisplayName("Given unknown fields then they are ignored, as before; numbers keep their exact value")
    void unknownFieldsIgnored() {
        InvitationRequest.InviteBody body = JsonBody.read("{" + VALID + ",\"nickname\":\"J\",\"lifespan\":1e300}",
                InvitationRequest.InviteBody.class);
        assertEquals("Jan", body.firstName());
        assertEquals(new BigDecimal("1e300"), body.lifespan());
    }

    @Test
    @DisplayName("Given the email-change and reminder bodies then their fields are typed the same way")
    void otherBodies() {
        assertEquals(new EmailChangeResource.Request("a@example.org", null),
                JsonBody.read("{\"email\":\"a@example.org\"}", EmailChangeResource.Request.class));
        assertEquals("mode", refused("{\"email\":\"a@example.org\",\"mode\":2}", EmailChangeResource.Request.class).get("field"));
        assertEquals("email", refused("{\"email\":{\"x\":1},\"mode\":\"confirm\"}", EmailChangeResource.Request.class).get("field"));

        assertEquals(List.of(14, 7), JsonBody.read("{\"reminderDays\":[14,7]}", PasswordRemindersResource.ConfigBody.class).reminderDays());
        for (String bad : List.of("\"x\"", "[\"a\"]", "[1.5]", "[true]", "14")) {
            Map<?, ?> error = refused("{\"reminderDays\":" + bad + "}", PasswordRemindersResource.ConfigBody.class);
            assertEquals("reminderDays", error.get("field"), bad);
            assertEquals("reminderDays must be a list of whole numbers", error.get("message"), bad);
        }
    }
}
