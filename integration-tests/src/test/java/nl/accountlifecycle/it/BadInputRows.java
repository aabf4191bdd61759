package nl.accountlifecycle.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.keycloak.util.JsonSerialization;

/** The table {@link BadInputTest} sends: each bad value of each field of each endpoint, with the 4xx and field it must get. */
final class BadInputRows {

    private BadInputRows() {
    }

    /** 315 characters, as in the review that got a 500 from email-change (the column holds 255). */
    static final String LONG_EMAIL = "a".repeat(64) + "@" + ("b".repeat(63) + ".").repeat(3) + "c".repeat(46) + ".example.org";
    static final String USER = "{user}";

    record Row(String name, String method, String path, String body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String json(Map<String, Object> body) {
        try {
            return JsonSerialization.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> invitation(int n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", "bad.input" + n + "@example.org");
        body.put("firstName", "Bea");
        body.put("lastName", "Fout");
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        if (value == REMOVE) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }

    static final Object REMOVE = new Object();

    /** Bad values for each field of the invitation body; each row also becomes a row for the resend body where it applies. */
    static List<Object[]> invitationFields() {
        List<Object> fiftyOne = new ArrayList<>(Collections.nCopies(51, "users"));
        return List.of(
                new Object[] {"email", REMOVE}, new Object[] {"email", 42}, new Object[] {"email", "not-an-email"},
                new Object[] {"email", LONG_EMAIL}, new Object[] {"email", "two words@example.org"},
                new Object[] {"email", List.of("a@example.org")},
                new Object[] {"firstName", REMOVE}, new Object[] {"firstName", true}, new Object[] {"firstName", "F".repeat(101)},
                new Object[] {"lastName", REMOVE}, new Object[] {"lastName", Map.of()}, new Object[] {"lastName", "L".repeat(300)},
                new Object[] {"infix", "van van van van van van van van van"}, new Object[] {"infix", 1},
                new Object[] {"title", "king"}, new Object[] {"title", List.of()},
                new Object[] {"phone", "bel me"}, new Object[] {"phone", "1".repeat(400)},
                new Object[] {"mobile", "<script>"}, new Object[] {"jobTitle", "<b>baas</b>"}, new Object[] {"jobTitle", "J".repeat(300)},
                new Object[] {"locale", "fr"}, new Object[] {"locale", 7},
                new Object[] {"username", "u".repeat(300)}, new Object[] {"username", 12}, new Object[] {"username", "x"},
                new Object[] {"groups", "users"}, new Object[] {"groups", List.of(1, 2)}, new Object[] {"groups", fiftyOne},
                new Object[] {"groups", List.of("no-such-group")},
                new Object[] {"subject", "Hallo\nBcc: x@example.org"}, new Object[] {"subject", "S".repeat(201)},
                new Object[] {"subject", 3}, new Object[] {"subject", "=?UTF-8?B?QmNjOiB4QGV2aWwuZXhhbXBsZQ==?="},
                new Object[] {"message", "M".repeat(5001)}, new Object[] {"message", List.of("m")},
                new Object[] {"lifespan", -1}, new Object[] {"lifespan", 0}, new Object[] {"lifespan", 1.5},
                new Object[] {"lifespan", "3600"}, new Object[] {"lifespan", 1e300}, new Object[] {"lifespan", 99999999},
                new Object[] {"clientId", "no-such-client"}, new Object[] {"clientId", 5},
                new Object[] {"redirectUri", "https://evil.example/"}, new Object[] {"redirectUri", "javascript:alert(1)"},
                new Object[] {"redirectUri", false});
    }

    static final List<String> RESEND_FIELDS = List.of("subject", "message", "lifespan", "clientId", "redirectUri");

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (Object[] bad : invitationFields()) {
            String field = (String) bad[0];
            String label = bad[1] == REMOVE ? "missing" : String.valueOf(bad[1]);
            label = label.length() > 40 ? label.substring(0, 20) + "… (" + label.length() + " chars)" : label;
            rows.add(new Row("invite " + field + " = " + label, "POST", "invitations", json(with(invitation(n++), field, bad[1])), 400, field));
            if (RESEND_FIELDS.contains(field)) {
                rows.add(new Row("resend " + field + " = " + label, "POST", "invitations/" + USER + "/resend",
                        json(with(Map.of(), field, bad[1])), 400, field));
            }
        }
        for (String body : List.of("", "{not json", "[]", "null", "\"text\"", "42")) {
            rows.add(new Row("invite body " + (body.isEmpty() ? "(empty)" : body), "POST", "invitations", body, 400, null));
            rows.add(new Row("email-change body " + (body.isEmpty() ? "(empty)" : body), "POST", "users/" + USER + "/email-change", body, 400, null));
        }
        for (String body : List.of("{not json", "[]", "42")) {
            rows.add(new Row("resend body " + body, "POST", "invitations/" + USER + "/resend", body, 400, null));
        }
        Map<String, Object> change = new LinkedHashMap<>(Map.of("email", "bad.input.new@example.org", "mode", "confirm"));
        for (Object[] bad : List.of(new Object[] {"email", REMOVE}, new Object[] {"email", 1}, new Object[] {"email", ""},
                new Object[] {"email", "no-at-sign"}, new Object[] {"email", LONG_EMAIL}, new Object[] {"email", "a b@example.org"},
                new Object[] {"email", "bad.input.target@example.org"}, new Object[] {"email", Map.of("x", 1)},
                new Object[] {"mode", REMOVE}, new Object[] {"mode", "later"}, new Object[] {"mode", 2})) {
            rows.add(new Row("email-change " + bad[0] + " = " + (bad[1] == REMOVE ? "missing" : String.valueOf(bad[1]).length() > 40
                    ? "(" + String.valueOf(bad[1]).length() + " chars)" : bad[1]),
                    "POST", "users/" + USER + "/email-change", json(with(change, (String) bad[0], bad[1])), 400, (String) bad[0]));
        }
        for (String query : List.of("status=sleeping", "status=none", "first=-1", "first=abc", "max=0", "max=501", "max=1e3")) {
            rows.add(new Row("list " + query, "GET", "invitations?" + query, null, 400, query.substring(0, query.indexOf('='))));
        }
        for (String query : List.of("email=short", "email=" + "e".repeat(300), "email=example.org&first=20",
                "email=example.org&first=x", "email=example.org&max=0", "email=example.org&max=21", "email=example.org&max=many")) {
            String field = query.contains("&") ? query.substring(query.indexOf('&') + 1, query.lastIndexOf('=')) : "email";
            rows.add(new Row("search " + (query.length() > 40 ? "email=(300 chars)" : query), "GET", "users?" + query, null, 400, field));
        }
        rows.add(new Row("status of an unknown user", "GET", "users/00000000-0000-0000-0000-000000000000", null, 404, null));
        rows.add(new Row("status of a 300-character id", "GET", "users/" + "i".repeat(300), null, 404, null));
        rows.add(new Row("resend to an unknown user", "POST", "invitations/nobody/resend", "{}", 404, null));
        rows.add(new Row("email-change of an unknown user", "POST", "users/nobody/email-change",
                "{\"email\":\"x@example.org\",\"mode\":\"confirm\"}", 404, null));
        rows.add(new Row("cancel with nothing pending", "DELETE", "users/" + USER + "/email-change", null, 404, null));
        return rows.stream();
    }

    /** The other capabilities' endpoints: Odoo sync and password expiry. */
    static Stream<Row> otherRows() {
        List<Row> rows = new ArrayList<>();
        for (Object[] bad : List.of(new Object[] {"url", "ftp://odoo.example"}, new Object[] {"url", 5},
                new Object[] {"transport", "smtp"}, new Object[] {"groupMap", "admins"}, new Object[] {"groupMap", Map.of("users", List.of(-1))})) {
            rows.add(new Row("odoo config " + bad[0] + " = " + bad[1], "PUT", "odoo/config", json(Map.of((String) bad[0], bad[1])), 400, (String) bad[0]));
        }
        rows.add(new Row("odoo config body {not json", "PUT", "odoo/config", "{not json", 400, null));
        for (String query : List.of("first=-1", "max=0", "first=abc", "max=many")) {
            rows.add(new Row("odoo dead-letters " + query, "GET", "odoo/dead-letters?" + query, null, 400, query.substring(0, query.indexOf('='))));
        }
        rows.add(new Row("odoo retry of an unknown row", "POST", "odoo/retry?id=nope", null, 404, null));
        rows.add(new Row("odoo resync of an unknown user", "POST", "odoo/resync/users/nobody", null, 404, null));
        for (String query : List.of("withinDays=0", "withinDays=abc", "withinDays=7&first=-1", "withinDays=7&max=x")) {
            String field = query.contains("&") ? query.substring(query.indexOf('&') + 1, query.lastIndexOf('=')) : "withinDays";
            rows.add(new Row("password-expiry " + query, "GET", "password-expiry?" + query, null, 400, field));
        }
        for (String body : List.of("{\"reminderDays\":\"x\"}", "{\"reminderDays\":[0]}", "{\"reminderDays\":[99999]}", "{\"reminderDays\":[\"a\"]}")) {
            rows.add(new Row("password-reminders config " + body, "PUT", "password-reminders/config", body, 400, "reminderDays"));
        }
        rows.add(new Row("password-reminders config body []", "PUT", "password-reminders/config", "[]", 400, null));
        return rows.stream();
    }
}
