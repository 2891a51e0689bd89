package org.chtbackup.verify.report;

import java.time.Instant;
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
 * Prometheus metrics for alerting (rules in {@code infra/prometheus/}), per deployment and location:
 * {@code cht_backup_drill_last_success_timestamp_seconds} (last PASS; INCOMPLETE is not a success),
 * {@code cht_backup_drill_last_result} (the last drill: 0 PASS, 1 INCOMPLETE, 2 FAIL),
 * {@code cht_backup_snapshot_last_stored_timestamp_seconds} (the newest snapshot stored there, from storage's
 * events), {@code cht_backup_drill_duration_seconds} (with the result as a tag) and
 * {@code cht_backup_drill_failures_total}.
 */
public final class DrillMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastResult = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastStored = new ConcurrentHashMap<>();

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
        seed(drill);
    }

    /**
     * The gauges only, for the last drills read back from the report files at start: Prometheus keeps the history,
     * a restarted verify shows the state again at once.
     */
    public void seed(DrillCompleted drill) {
        AtomicLong success = gauge(lastSuccess, "cht.backup.drill.last.success.timestamp.seconds",
                "when a restore drill of this deployment from this location last passed (epoch s)",
                drill.deploymentId(), drill.location());
        if (drill.result() == DrillCompleted.Result.PASS) {
            success.accumulateAndGet(drill.finishedAt().getEpochSecond(), Math::max);
        }
        gauge(lastResult, "cht.backup.drill.last.result", "the last restore drill: 0 PASS, 1 INCOMPLETE, 2 FAIL",
                drill.deploymentId(), drill.location()).set(code(drill.result()));
    }

    /** A snapshot was stored in a location: the stale-backup alert reads how long ago the newest was. */
    public void stored(String deployment, String location, Instant storedAt) {
        gauge(lastStored, "cht.backup.snapshot.last.stored.timestamp.seconds",
                "when the newest snapshot of this deployment was stored in this location (epoch s)", deployment,
                location).accumulateAndGet(storedAt.getEpochSecond(), Math::max);
    }

    static long code(DrillCompleted.Result result) {
        return switch (result) {
            case PASS -> 0;
            case INCOMPLETE -> 1;
            case FAIL -> 2;
        };
    }

    /** Registered at 0 on first sight, so "never succeeded" alerts as well as "not recently". */
    private AtomicLong gauge(Map<String, AtomicLong> gauges, String name, String description, String deployment,
                             String location) {
        return gauges.computeIfAbsent(deployment + "\u0000" + location, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::doubleValue).description(description)
                    .tags("deployment", deployment, "location", location).register(registry);
            return value;
        });
    }
}
