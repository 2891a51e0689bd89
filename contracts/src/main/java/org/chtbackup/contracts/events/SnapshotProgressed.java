package org.chtbackup.contracts.events;

import java.time.Instant;

/**
 * How far a running snapshot has got on its host: files and bytes copied of those planned.
 *
 * <p>Version 1. Sent by the collector when a snapshot starts, about every 5% of its bytes, and when the copy
 * ends. Advisory only: a lost or duplicated progress event changes nothing. {@code percent} is 0..100 of
 * {@code bytesPlanned}, which is the files' size when planned (CouchDB files grow while copied).
 */
public record SnapshotProgressed(
        int version,
        String deploymentId,
        String snapshotId,
        long filesDone,
        long filesPlanned,
        long bytesRead,
        long bytesPlanned,
        int percent,
        Instant at) {

    public static final int VERSION = 1;

    public SnapshotProgressed {
        EventChecks.version(version, VERSION, "SnapshotProgressed");
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(snapshotId, "snapshotId");
        EventChecks.required(at, "at");
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent " + percent + " is not within 0..100");
        }
    }
}
