package nl.accountlifecycle.targetsim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;

/**
 * Receivers for Standard Webhooks ({@code POST /webhooks/{name}}): each name has its {@code whsec_} secret, and
 * every message is checked with the reference library ({@code webhook-id}, {@code webhook-timestamp} within its
 * tolerance, {@code webhook-signature}). A bad signature is 400; a message id already accepted answers 200 again and
 * counts as a duplicate, without a second record. Every delivery is recorded, rejected and faulted ones too; the
 * newest {@value #KEPT} per receiver are kept, the ids of accepted ones all.
 */
final class WebhookReceiver {

    static final int KEPT = 10_000;

    /** One delivery as it arrived; {@code verified} is null when a fault switch answered before any check. */
    static final class Message {
        final String id;
        final String timestamp;
        final String type;
        final String body;
        final Boolean verified;
        final int status;
        final String error;
        final String receivedAt = Instant.now().toString();
        int duplicates;

        Message(String id, String timestamp, String body, Boolean verified, int status, String error) {
            this.id = id;
            this.timestamp = timestamp;
            this.body = body;
            this.type = typeOf(body);
            this.verified = verified;
            this.status = status;
            this.error = error;
        }

        Map<String, Object> toMap(String name) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("id", id);
            m.put("timestamp", timestamp);
            m.put("type", type);
            m.put("verified", verified);
            m.put("status", status);
            m.put("duplicates", duplicates);
            m.put("receivedAt", receivedAt);
            m.put("error", error);
            m.put("body", body);
            return m;
        }
    }

    private static final class Inbox {
        final Deque<Message> messages = new ArrayDeque<>();
        /** Accepted ids; the value is null once the message itself has been dropped for space. */
        final Map<String, Message> accepted = new HashMap<>();
        int duplicates;
        int rejected;
    }

    private final Map<String, Webhook> secrets = new ConcurrentHashMap<>();
    private final Map<String, Inbox> inboxes = new TreeMap<>();

    /** Sets the secret of receiver {@code name}; an empty or non-base64 secret is refused. */
    void setSecret(String name, String secret) {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("a receiver name must be a non-empty path segment, not '" + name + "'");
        }
        try {
            secrets.put(name, new Webhook(secret == null ? "" : secret.strip()));
        } catch (EmptyWebhookSecretException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret for '" + name + "' must be whsec_ followed by base64 (" + e.getMessage() + ")");
        }
    }

    void handle(HttpExchange exchange, String name, byte[] bytes) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            Http.sendJson(exchange, 405, Map.of("error", "webhooks are delivered with POST"));
            return;
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        Webhook verifier = secrets.get(name);
        if (verifier == null) {
            String error = "no secret is configured for receiver '" + name + "'";
            record(name, new Message(id, timestamp, body, false, 404, error));
            Http.sendJson(exchange, 404, Map.of("error", error));
            return;
        }
        try {
            verifier.verify(body, exchange.getRequestHeaders());
        } catch (WebhookVerificationException e) {
            record(name, new Message(id, timestamp, body, false, 400, e.getMessage()));
            Http.sendJson(exchange, 400, Map.of("error", e.getMessage()));
            return;
        }
        boolean duplicate;
        synchronized (this) {
            Inbox inbox = inboxes.computeIfAbsent(name, n -> new Inbox());
            duplicate = inbox.accepted.containsKey(id);
            if (duplicate) {
                inbox.duplicates++;
                Message first = inbox.accepted.get(id);
                if (first != null) {
                    first.duplicates++;
                }
            } else {
                Message message = new Message(id, timestamp, body, true, 200, null);
                record(name, message);
                inbox.accepted.put(id, message);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("duplicate", duplicate);
        Http.sendJson(exchange, 200, answer);
    }

    /** A delivery a fault switch answered with {@code status} before it was checked. */
    void recordFault(HttpExchange exchange, String name, byte[] body, int status) {
        record(name, new Message(exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                new String(body, StandardCharsets.UTF_8), null, status, "answered by a fault switch"));
    }

    /** The kept messages of {@code name}, oldest first. */
    synchronized List<Map<String, Object>> messages(String name) {
        List<Map<String, Object>> out = new ArrayList<>();
        Inbox inbox = inboxes.get(name);
        if (inbox != null) {
            inbox.messages.forEach(m -> out.add(m.toMap(name)));
        }
        return out;
    }

    /** Up to {@code limit} messages of {@code name}, newest first. */
    synchronized List<Map<String, Object>> recent(String name, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        Inbox inbox = inboxes.get(name);
        if (inbox != null) {
            for (Iterator<Message> it = inbox.messages.descendingIterator(); it.hasNext() && out.size() < limit; ) {
                out.add(it.next().toMap(name));
            }
        }
        return out;
    }

    /** Per receiver: how many messages were accepted, answered as duplicates, and rejected or faulted. */
    synchronized Map<String, Map<String, Integer>> summary() {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        TreeSet<String> names = new TreeSet<>(secrets.keySet());
        names.addAll(inboxes.keySet());
        for (String name : names) {
            Inbox inbox = inboxes.get(name);
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("accepted", inbox == null ? 0 : inbox.accepted.size());
            counts.put("duplicates", inbox == null ? 0 : inbox.duplicates);
            counts.put("rejected", inbox == null ? 0 : inbox.rejected);
            out.put(name, counts);
        }
        return out;
    }

    synchronized void reset() {
        inboxes.clear();
    }

    private synchronized void record(String name, Message message) {
        Inbox inbox = inboxes.computeIfAbsent(name, n -> new Inbox());
        inbox.messages.addLast(message);
        if (!Boolean.TRUE.equals(message.verified)) {
            inbox.rejected++;
        }
        if (inbox.messages.size() > KEPT) {
            Message dropped = inbox.messages.removeFirst();
            if (inbox.accepted.get(dropped.id) == dropped) {
                inbox.accepted.put(dropped.id, null); // the id stays known, so a late duplicate is still one
            }
        }
    }

    private static String typeOf(String body) {
        try {
            JsonNode node = Http.JSON.readTree(body);
            return node != null && node.path("type").isTextual() ? node.get("type").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
