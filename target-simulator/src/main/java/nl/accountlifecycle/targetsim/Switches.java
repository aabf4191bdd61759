package nl.accountlifecycle.targetsim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the targets misbehave on request, set through {@link TargetSimulator}, CLI flags or {@code POST /_sim/config}.
 * The counted faults ({@code failNext}, {@code rateLimitNext}, {@code htmlBadGatewayNext}) are used up one request
 * at a time; when several are pending, the HTML 502 answers first, then the 429, then the plain failure, as a proxy,
 * a rate limiter and the application would in that order. Every switch applies to the requests {@code scope}
 * covers: the SCIM endpoints, the webhook endpoints, or both.
 */
final class Switches {

    /** Which endpoints a switch applies to; also which endpoint a request is for. */
    enum Scope {
        ALL, SCIM, WEBHOOKS;

        static Scope parse(String text) {
            for (Scope s : values()) {
                if (s.label().equals(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("scope must be all, scim or webhooks, not '" + text + "'");
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean covers(Scope target) {
            return this == ALL || this == target;
        }
    }

    /** A fault to answer instead of the real response. */
    record Fault(int status, int retryAfterSeconds, boolean html) {
    }

    private static final Set<String> KEYS = Set.of("scope", "down", "rttMs", "failNext", "rateLimitNext", "htmlBadGatewayNext");

    private Scope scope = Scope.ALL;
    private boolean down;
    private int rttMillis;
    private int failNextCount;
    private int failNextStatus = 500;
    private int rateLimitNextCount;
    private int retryAfterSeconds = 1;
    private int htmlBadGatewayNext;

    synchronized boolean down(Scope target) {
        return down && scope.covers(target);
    }

    synchronized int rttMillis(Scope target) {
        return scope.covers(target) ? rttMillis : 0;
    }

    /** Uses up one pending fault for a request to {@code target}; null when none is pending. */
    synchronized Fault take(Scope target) {
        if (!scope.covers(target)) {
            return null;
        }
        if (htmlBadGatewayNext > 0) {
            htmlBadGatewayNext--;
            return new Fault(502, 0, true);
        }
        if (rateLimitNextCount > 0) {
            rateLimitNextCount--;
            return new Fault(429, retryAfterSeconds, false);
        }
        if (failNextCount > 0) {
            failNextCount--;
            return new Fault(failNextStatus, 0, false);
        }
        return null;
    }

    synchronized void setScope(Scope value) {
        scope = value;
    }

    synchronized void setDown(boolean value) {
        down = value;
    }

    synchronized void setRttMillis(int value) {
        rttMillis = atLeastZero("rttMs", value);
    }

    synchronized void failNext(int count, int status) {
        failNextCount = atLeastZero("failNext.count", count);
        failNextStatus = status(status);
    }

    synchronized void rateLimitNext(int count, int retryAfter) {
        rateLimitNextCount = atLeastZero("rateLimitNext.count", count);
        retryAfterSeconds = atLeastZero("rateLimitNext.retryAfterSeconds", retryAfter);
    }

    synchronized void htmlBadGatewayNext(int count) {
        htmlBadGatewayNext = atLeastZero("htmlBadGatewayNext", count);
    }

    /**
     * A partial update from {@code POST /_sim/config}: only the keys present change, and nothing changes when one
     * value is wrong. {@code failNext} and {@code rateLimitNext} take an object ({@code {"count": 2, "status": 503}},
     * either key may be left out) or a bare count.
     */
    synchronized void configure(Map<String, Object> config) {
        for (String key : config.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown switch '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        Scope newScope = config.containsKey("scope") ? Scope.parse(String.valueOf(config.get("scope"))) : scope;
        boolean newDown = config.containsKey("down") ? bool("down", config.get("down")) : down;
        int newRtt = config.containsKey("rttMs") ? whole("rttMs", config.get("rttMs")) : rttMillis;
        Map<String, Object> fail = counted("failNext", config.get("failNext"), "status");
        Map<String, Object> limit = counted("rateLimitNext", config.get("rateLimitNext"), "retryAfterSeconds");
        Object html = config.get("htmlBadGatewayNext");
        int newHtml = html == null ? htmlBadGatewayNext
                : whole("htmlBadGatewayNext", html instanceof Map<?, ?> m ? m.get("count") : html);
        int newFailCount = fail.containsKey("count") ? whole("failNext.count", fail.get("count")) : failNextCount;
        int newFailStatus = fail.containsKey("status") ? status(whole("failNext.status", fail.get("status"))) : failNextStatus;
        int newLimitCount = limit.containsKey("count") ? whole("rateLimitNext.count", limit.get("count")) : rateLimitNextCount;
        int newRetry = limit.containsKey("retryAfterSeconds")
                ? whole("rateLimitNext.retryAfterSeconds", limit.get("retryAfterSeconds")) : retryAfterSeconds;
        scope = newScope;
        down = newDown;
        rttMillis = newRtt;
        failNextCount = newFailCount;
        failNextStatus = newFailStatus;
        rateLimitNextCount = newLimitCount;
        retryAfterSeconds = newRetry;
        htmlBadGatewayNext = newHtml;
    }

    synchronized Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("scope", scope.label());
        state.put("down", down);
        state.put("rttMs", rttMillis);
        state.put("failNext", pair("count", failNextCount, "status", failNextStatus));
        state.put("rateLimitNext", pair("count", rateLimitNextCount, "retryAfterSeconds", retryAfterSeconds));
        state.put("htmlBadGatewayNext", htmlBadGatewayNext);
        return state;
    }

    private static Map<String, Object> pair(String k1, int v1, String k2, int v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> counted(String name, Object value, String other) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Number) {
            return Map.of("count", value);
        }
        if (value instanceof Map<?, ?> m) {
            for (Object key : m.keySet()) {
                if (!"count".equals(key) && !other.equals(key)) {
                    throw new IllegalArgumentException(name + " takes count and " + other + ", not '" + key + "'");
                }
            }
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(name + " must be an object {count, " + other + "} or a count");
    }

    private static int whole(String name, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long n = ((Number) value).longValue();
            if (n >= 0 && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        }
        throw new IllegalArgumentException(name + " must be a whole number of at least 0, not " + value);
    }

    private static boolean bool(String name, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(name + " must be true or false, not " + value);
    }

    private static int atLeastZero(String name, int value) {
        return whole(name, value);
    }

    private static int status(int value) {
        if (value < 400 || value > 599) {
            throw new IllegalArgumentException("failNext.status must be an HTTP error status (400 to 599), not " + value);
        }
        return value;
    }
}
