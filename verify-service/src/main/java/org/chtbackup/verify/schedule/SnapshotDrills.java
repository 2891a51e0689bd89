package org.chtbackup.verify.schedule;

import java.util.Map;
import java.util.Optional;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationException;
import org.chtbackup.verify.drill.DrillRunner;
import org.chtbackup.verify.queue.DrillJob;
import org.chtbackup.verify.queue.DrillRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a queued drill: finds the snapshot it names (or the newest) in the location by its manifest key, unless
 * the request already carries the key, and drills it.
 */
public final class SnapshotDrills implements DrillJob {

    private static final Logger log = LoggerFactory.getLogger(SnapshotDrills.class);

    private final DrillRunner runner;

    public SnapshotDrills(DrillRunner runner) {
        this.runner = runner;
    }

    @Override
    public Optional<DrillCompleted> run(DrillRequest request) {
        if (request.manifestKey() != null && request.snapshotId() != null) {
            return Optional.of(runner.drill(request.deploymentId(), request.snapshotId(), request.location(),
                    request.manifestKey()));
        }
        return drillNow(request.deploymentId(), request.location(), request.snapshotId());
    }

    /** Runs a drill now on the caller's thread; empty when the location holds no such snapshot (logged). */
    public Optional<DrillCompleted> drillNow(String deploymentId, String locationName, String snapshotId) {
        Map<String, Location> locations = runner.locations();
        Location location = locations.get(locationName);
        if (location == null) {
            throw new IllegalArgumentException("location '" + locationName + "' is not configured; configured: "
                    + locations.keySet());
        }
        Optional<SnapshotCatalog.StoredSnapshot> snapshot;
        try {
            snapshot = snapshotId == null ? SnapshotCatalog.newest(location, deploymentId)
                    : SnapshotCatalog.find(location, deploymentId, snapshotId);
        } catch (LocationException e) {
            return Optional.of(runner.drill(deploymentId, snapshotId == null ? "unknown" : snapshotId, locationName,
                    "(listing failed: " + e.getMessage() + ")"));
        }
        if (snapshot.isEmpty()) {
            log.warn("no snapshot {} of {} in location '{}': nothing to drill", snapshotId == null ? "at all"
                    : snapshotId, deploymentId, locationName);
            return Optional.empty();
        }
        SnapshotCatalog.StoredSnapshot s = snapshot.get();
        return Optional.of(runner.drill(deploymentId, s.snapshotId(), locationName, s.manifestKey()));
    }
}
