package nl.accountlifecycle.odoo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * The sync's meters in Keycloak's Micrometer registry, shown on the management port's {@code /metrics} when
 * {@code metrics-enabled} is on, tagged by realm id: {@code account_lifecycle_odoo_queue_depth} (pending rows,
 * refreshed every poll), {@code account_lifecycle_odoo_deliveries_total}, {@code account_lifecycle_odoo_failures_total}
 * and {@code account_lifecycle_odoo_dead_letters_total}.
 */
final class OdooMetrics {

    private final MeterRegistry registry = Metrics.globalRegistry;
    private final Map<String, AtomicLong> depth = new ConcurrentHashMap<>();

    void queueDepth(Map<String, Long> pendingByRealm) {
        depth.forEach((realm, value) -> value.set(pendingByRealm.getOrDefault(realm, 0L)));
        pendingByRealm.forEach((realm, pending) -> gauge(realm).set(pending));
    }

    private AtomicLong gauge(String realmId) {
        return depth.computeIfAbsent(realmId, r -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("account_lifecycle_odoo_queue_depth", value, AtomicLong::get)
                    .description("Odoo sync outbox rows waiting for delivery")
                    .tag("realm", r)
                    .register(registry);
            return value;
        });
    }

    void delivered(String realmId, int rows) {
        gauge(realmId);
        Counter.builder("account_lifecycle_odoo_deliveries").description("Odoo sync outbox rows delivered")
                .tag("realm", realmId).register(registry).increment(rows);
    }

    void failed(String realmId, boolean dead) {
        gauge(realmId);
        Counter.builder("account_lifecycle_odoo_failures").description("Odoo sync delivery attempts that failed")
                .tag("realm", realmId).register(registry).increment();
        if (dead) {
            Counter.builder("account_lifecycle_odoo_dead_letters").description("Odoo sync outbox rows dead-lettered")
                    .tag("realm", realmId).register(registry).increment();
        }
    }
}
