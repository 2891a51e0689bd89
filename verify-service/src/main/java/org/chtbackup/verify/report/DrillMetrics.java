package org.chtbackup.verify.report;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.chtbackup.contracts.events.DrillCompleted;

/**
 * Prometheus metrics for alerting, per deployment and location:
 * {@code cht_backup_drill_last_success_timestamp_seconds} (last PASS; INCOMPLETE is not a success),
 * {@code cht_backup_drill_duration_seconds} (with the result as a tag) and {@code cht_backup_drill_failures_total}.
 */
public final class DrillMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    public DrillMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(DrillCompleted drill) {
        Timer.builder("cht.backup.drill.duration").description("wall time of a restore drill (the measured RTO)")
                .tags("deployment", drill.deploymentId(), "location", drill.location(), "result",
                        drill.result().name())
                .register(registry).record(drill.restoreMillis(), TimeUnit.MILLISECONDS);
        if (drill.result() == DrillCompleted.Result.FAIL) {
            Counter.builder("cht.backup.drill.failures").description("restore drills that failed")
                    .tags("deployment", drill.deploymentId(), "location", drill.location())
                    .register(registry).increment();
        }
        if (drill.result() == DrillCompleted.Result.PASS) {
            gauge(drill.deploymentId(), drill.location()).set(drill.finishedAt().getEpochSecond());
        } else {
            gauge(drill.deploymentId(), drill.location());
        }
    }

    /** Registered at 0 on first sight, so "never succeeded" alerts as well as "not recently". */
    private AtomicLong gauge(String deployment, String location) {
        return lastSuccess.computeIfAbsent(deployment + "\u0000" + location, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("cht.backup.drill.last.success.timestamp.seconds", value, AtomicLong::doubleValue)
                    .description("when a restore drill of this deployment from this location last passed (epoch s)")
                    .tags("deployment", deployment, "location", location).register(registry);
            return value;
        });
    }
}
