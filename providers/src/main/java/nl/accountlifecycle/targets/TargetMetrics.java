package nl.accountlifecycle.targets;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * The targets' meters in Keycloak's Micrometer registry, on the management port's {@code /metrics} when
 * {@code metrics-enabled} is on, tagged by realm id, target id and kind: {@code account_lifecycle_target_queue_depth}
 * (pending rows, refreshed every poll), {@code account_lifecycle_target_deliveries_total},
 * {@code account_lifecycle_target_failures_total} and {@code account_lifecycle_target_dead_letters_total}.
 */
final class TargetMetrics {

    /** The tags of one target. */
    record Target(String realmId, String id, String kind) {
    }

    private final MeterRegistry registry = Metrics.globalRegistry;
    private final Map<Target, AtomicLong> depth = new ConcurrentHashMap<>();

    /** Sets each known target's queue depth; a target with no pending row reads 0. */
    void queueDepth(Map<Target, Long> pending) {
        depth.forEach((target, value) -> value.set(pending.getOrDefault(target, 0L)));
        pending.forEach((target, rows) -> gauge(target).set(rows));
    }

    private AtomicLong gauge(Target target) {
        return depth.computeIfAbsent(target, t -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("account_lifecycle_target_queue_depth", value, AtomicLong::get)
                    .description("Provisioning target rows waiting for delivery")
                    .tags("realm", t.realmId(), "target", t.id(), "kind", t.kind())
                    .register(registry);
            return value;
        });
    }

    void delivered(Target target, int rows) {
        gauge(target);
        counter("account_lifecycle_target_deliveries", "Provisioning target rows delivered", target).increment(rows);
    }

    void failed(Target target, int rows, int dead) {
        gauge(target);
        counter("account_lifecycle_target_failures", "Provisioning target delivery attempts that failed", target).increment(rows);
        if (dead > 0) {
            counter("account_lifecycle_target_dead_letters", "Provisioning target rows dead-lettered", target).increment(dead);
        }
    }

    private Counter counter(String name, String description, Target target) {
        return Counter.builder(name).description(description)
                .tags("realm", target.realmId(), "target", target.id(), "kind", target.kind()).register(registry);
    }
}
