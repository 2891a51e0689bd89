package org.chtbackup.verify.queue;

import java.time.Instant;

import org.chtbackup.contracts.events.SnapshotStored;

/**
 * One drill waiting to run, as written to the queue folder (JSON, {@code format} 1).
 *
 * @param format       the queue file format, 1
 * @param origin       who asked for it
 * @param deploymentId the deployment
 * @param location     the location to restore from
 * @param snapshotId   the snapshot, or null for the newest in that location when the drill runs
 * @param manifestKey  the manifest's key when known (stored events), else null: found by listing the location
 * @param queuedAt     when it was queued; resumed drills run oldest first
 * @param why          for the log: why it was asked for
 */
public record DrillRequest(int format, Origin origin, String deploymentId, String location, String snapshotId,
                           String manifestKey, Instant queuedAt, String why) {

    public static final int FORMAT = 1;

    /** Who asked for a drill. Only a stored event is skipped when the same snapshot and location was drilled already. */
    public enum Origin { STORED, SCHEDULED, ON_DEMAND, REDRILL }

    public DrillRequest {
        if (format != FORMAT) {
            throw new IllegalArgumentException("drill queue file format " + format + " is not supported (this build"
                    + " reads " + FORMAT + ")");
        }
        if (origin == null || deploymentId == null || location == null || queuedAt == null) {
            throw new IllegalArgumentException("a drill request needs origin, deploymentId, location and queuedAt");
        }
    }

    /** The drill a snapshot-stored event asks for. */
    public static DrillRequest stored(SnapshotStored event, Instant now) {
        return new DrillRequest(FORMAT, Origin.STORED, event.deploymentId(), event.location(), event.snapshotId(),
                event.manifestKey(), now, "snapshot stored in '" + event.location() + "'");
    }

    public static DrillRequest of(Origin origin, String deploymentId, String location, String snapshotId,
                                  Instant now, String why) {
        return new DrillRequest(FORMAT, origin, deploymentId, location, snapshotId, null, now, why);
    }

    /** Two requests with the same key are the same drill: {@code <deployment>/<snapshot or "newest">@<location>}. */
    public String key() {
        return deploymentId + "/" + (snapshotId == null ? "newest" : snapshotId) + "@" + location;
    }
}
