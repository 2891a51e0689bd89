package org.chtbackup.collector.appends;

import java.util.function.LongSupplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code cht_backup_collector_append_mismatches_total{deployment}}: files whose scheduled full read disagreed with
 * what the append shortcut would have kept unread. Read by the ChtBackupAppendReadMismatch alert.
 */
public final class AppendReadMetrics {

    public static void register(MeterRegistry registry, String deploymentId, LongSupplier mismatches) {
        FunctionCounter.builder("cht_backup_collector_append_mismatches", mismatches, LongSupplier::getAsLong)
                .description("Append-only files whose scheduled full read disagreed with the append shortcut")
                .tag("deployment", deploymentId)
                .register(registry);
    }

    private AppendReadMetrics() {
    }
}
