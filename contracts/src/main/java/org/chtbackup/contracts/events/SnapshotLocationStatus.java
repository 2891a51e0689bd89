package org.chtbackup.contracts.events;

import java.time.Instant;

/**
 * Where one snapshot stands in one location: COMPLETE once its manifest (written last) is there, DEGRADED while
 * its manifest waits in that location's backlog (location down, or chunks still catching up), FAILED when it
 * cannot be completed without an operator (the chunks it names are in no location).
 *
 * <p>Version 1. Emitted by storage on {@link Topics#SNAPSHOT_STATUS}, keyed by deployment; a later event for the
 * same snapshot and location supersedes an earlier one. {@code detail} says why, without secrets or contents.
 */
public record SnapshotLocationStatus(
        int version,
        String deploymentId,
        String snapshotId,
        String location,
        String manifestKey,
        Status status,
        String detail,
        Instant at) {

    public static final int VERSION = 1;

    /** COMPLETE: manifest and every chunk are in the location. DEGRADED: not yet. FAILED: needs an operator. */
    public enum Status { COMPLETE, DEGRADED, FAILED }

    public SnapshotLocationStatus {
        EventChecks.version(version, VERSION, "SnapshotLocationStatus");
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(snapshotId, "snapshotId");
        EventChecks.required(location, "location");
        EventChecks.required(manifestKey, "manifestKey");
        EventChecks.required(status, "status");
        EventChecks.required(at, "at");
        detail = detail == null ? "" : detail;
    }
}
