package nl.accountlifecycle.targets;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the REST API shows of a target and of its re-sync; never the secret. */
final class TargetViews {

    private TargetViews() {
    }

    /** {@code {enabled, pending, failed, dead, lastSuccess}} from the target and its queue's counts. */
    static Map<String, Object> status(TargetEntity target, Map<String, Long> counts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", target.isEnabled());
        body.put("pending", counts.get("pending"));
        body.put("failed", counts.get("failed"));
        body.put("dead", counts.get("dead"));
        body.put("lastSuccess", target.getLastSuccessAt() == null ? null : Instant.ofEpochMilli(target.getLastSuccessAt()).toString());
        return body;
    }

    static Map<String, Object> target(TargetEntity target) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", target.getId());
        body.put("name", target.getName());
        body.put("kind", target.getKind());
        body.put("url", target.getUrl());
        body.put("enabled", target.isEnabled());
        body.put("maxAttempts", target.getMaxAttempts());
        if (TargetValidation.SCIM.equals(target.getKind())) {
            body.putAll(ScimSettings.parse(target.getSettings()).view());
        }
        body.put("secretSource", TargetValidation.isVaultReference(target.getSecret()) ? "vault" : "stored");
        body.put("createdAt", Instant.ofEpochMilli(target.getCreatedAt()).toString());
        return body;
    }

    static Map<String, Object> resync(TargetEntity target) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", target.getResyncStatus() == null ? "none" : target.getResyncStatus());
        body.put("total", target.getResyncTotal());
        body.put("done", target.getResyncDone());
        body.put("startedAt", target.getResyncStartedAt() == null ? null : Instant.ofEpochMilli(target.getResyncStartedAt()).toString());
        return body;
    }
}
