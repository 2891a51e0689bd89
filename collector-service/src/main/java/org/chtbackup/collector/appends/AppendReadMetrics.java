package org.chtbackup.collector.appends;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code cht_backup_collector_append_mismatches_total{deployment}}: files whose scheduled full read disagreed with
 * what the append shortcut would have kept unread. Read by the ChtBackupAppendReadMismatch alert.
 */
public final class AppendReadMetrics {

    /**
     * @param source a long-lived object (the snapshot runner): Micrometer holds it weakly, so a lambda nothing else
     *               holds would be collected and the counter would vanish
     */
    public static <T> void register(MeterRegistry registry, String deploymentId, T source,
                                    ToDoubleFunction<T> mismatches) {
        FunctionCounter.builder("cht_backup_collector_append_mismatches", source, mismatches)
                .description("Append-only files whose scheduled full read disagreed with the append shortcut")
                .tag("deployment", deploymentId)
                .register(registry);
    }

    private AppendReadMetrics() {
    }
}
