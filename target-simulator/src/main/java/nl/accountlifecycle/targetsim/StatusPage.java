package nl.accountlifecycle.targetsim;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /}: what arrived, as plain HTML that refreshes itself every five seconds: the SCIM users and groups,
 * and per webhook receiver its newest {@value #MESSAGES} messages. Every value is HTML-escaped.
 */
final class StatusPage {

    static final int MESSAGES = 100;
    static final int USERS = 500;

    private final ScimStore store;
    private final WebhookReceiver webhooks;
    private final Switches switches;

    StatusPage(ScimStore store, WebhookReceiver webhooks, Switches switches) {
        this.store = store;
        this.webhooks = webhooks;
        this.switches = switches;
    }

    String render() {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"5\"><title>Target simulator</title>"
                + "<style>body{font-family:sans-serif}table{border-collapse:collapse;margin-bottom:1em}"
                + "td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
                + ".no{color:#b00}</style></head><body><h1>Target simulator</h1><p>Switches: ")
                .append(esc(switches.state())).append("</p>");
        users(html);
        groups(html);
        html.append("<h2>Webhooks</h2>");
        Map<String, Map<String, Integer>> summary = webhooks.summary();
        if (summary.isEmpty()) {
            html.append("<p>No receivers yet.</p>");
        }
        summary.forEach((name, counts) -> receiver(html, name, counts));
        return html.append("</body></html>").toString();
    }

    private void users(StringBuilder html) {
        List<ObjectNode> users = store.list(Kind.USER, null);
        html.append("<h2>SCIM users (").append(users.size()).append(", newest first)</h2>");
        table(html, "userName", "name", "emails", "active", "externalId", "groups");
        int from = Math.max(0, users.size() - USERS);
        for (int i = users.size() - 1; i >= from; i--) {
            ObjectNode u = users.get(i);
            row(html, text(u, "userName"), name(u), join(u.get("emails"), "value"), text(u, "active"),
                    text(u, "externalId"), join(u.get("groups"), "display"));
        }
        html.append("</table>");
        if (from > 0) {
            html.append("<p>").append(from).append(" older users are not shown.</p>");
        }
    }

    private void groups(StringBuilder html) {
        List<ObjectNode> groups = store.list(Kind.GROUP, null);
        html.append("<h2>SCIM groups (").append(groups.size()).append(")</h2>");
        table(html, "displayName", "externalId", "members");
        for (ObjectNode g : groups) {
            row(html, text(g, "displayName"), text(g, "externalId"), join(g.get("members"), "display"));
        }
        html.append("</table>");
    }

    private void receiver(StringBuilder html, String name, Map<String, Integer> counts) {
        html.append("<h3>").append(esc(name)).append("</h3><p>accepted ").append(counts.get("accepted"))
                .append(", duplicates ").append(counts.get("duplicates")).append(", rejected or faulted ")
                .append(counts.get("rejected")).append("</p>");
        table(html, "received", "webhook-id", "type", "verified", "status", "duplicates");
        for (Map<String, Object> m : webhooks.recent(name, MESSAGES)) {
            Object verified = m.get("verified");
            row(html, m.get("receivedAt"), m.get("id"), m.get("type"),
                    verified == null ? "not checked" : Boolean.TRUE.equals(verified) ? "yes" : "no", m.get("status"), m.get("duplicates"));
        }
        html.append("</table>");
    }

    private static void table(StringBuilder html, String... headings) {
        html.append("<table><tr>");
        for (String h : headings) {
            html.append("<th>").append(esc(h)).append("</th>");
        }
        html.append("</tr>");
    }

    private static void row(StringBuilder html, Object... cells) {
        html.append("<tr>");
        for (Object c : cells) {
            String value = c == null ? "" : String.valueOf(c);
            html.append(value.equals("no") || value.equals("false") ? "<td class=\"no\">" : "<td>").append(esc(value)).append("</td>");
        }
        html.append("</tr>");
    }

    private static String name(ObjectNode user) {
        JsonNode name = user.path("name");
        if (name.hasNonNull("formatted")) {
            return name.get("formatted").asText();
        }
        return Stream.of("givenName", "middleName", "familyName").filter(name::hasNonNull)
                .map(k -> name.get(k).asText()).collect(Collectors.joining(" "));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static String join(JsonNode items, String field) {
        if (items == null || !items.isArray()) {
            return "";
        }
        return StreamSupport.stream(items.spliterator(), false).map(i -> text(i, field)).collect(Collectors.joining(", "));
    }

    private static String esc(Object value) {
        return Http.escapeHtml(value);
    }
}
