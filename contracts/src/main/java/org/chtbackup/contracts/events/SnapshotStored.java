package org.chtbackup.contracts.events;

import java.time.Instant;

/**
 * A snapshot's manifest and every chunk it names are durably in one location.
 *
 * <p>Version 1. Emitted once per location; duplicates are harmless (consumers are idempotent). {@code chunkCount}
 * counts the objects the manifest needs: chunks for manifest format 1 and 2, packs from format 3 on.
 */
public record SnapshotStored(
        int version,
        String deploymentId,
        String snapshotId,
        String location,
        String manifestKey,
        int chunkCount,
        Instant storedAt) {

    public static final int VERSION = 1;

    public SnapshotStored {
        EventChecks.version(version, VERSION, "SnapshotStored");
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(snapshotId, "snapshotId");
        EventChecks.required(location, "location");
        EventChecks.required(manifestKey, "manifestKey");
        EventChecks.required(storedAt, "storedAt");
    }
}
