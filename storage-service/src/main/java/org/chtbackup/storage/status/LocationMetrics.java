package org.chtbackup.storage.status;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.chtbackup.contracts.events.SnapshotLocationStatus;

/**
 * {@code cht_backup_location_snapshots_incomplete{location,status}}: snapshots this storage process last reported as
 * not complete in a location, DEGRADED (catching up from the backlog) or FAILED (needs an operator). A location
 * that stays above zero is degraded; one whose count keeps rising is falling behind (infra/prometheus alerts).
 */
public final class LocationMetrics {

    private LocationMetrics() {
    }

    public static void register(MeterRegistry registry, StatusBoard board, List<String> locations) {
        for (String location : locations) {
            for (SnapshotLocationStatus.Status status : List.of(SnapshotLocationStatus.Status.DEGRADED,
                    SnapshotLocationStatus.Status.FAILED)) {
                Gauge.builder("cht.backup.location.snapshots.incomplete", board,
                                b -> b.notComplete().stream()
                                        .filter(s -> s.location().equals(location) && s.status() == status).count())
                        .description("snapshots not complete in this location, by status")
                        .tags("location", location, "status", status.name()).register(registry);
            }
        }
    }
}
