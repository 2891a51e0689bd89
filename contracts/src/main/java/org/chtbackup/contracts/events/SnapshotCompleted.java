package org.chtbackup.contracts.events;

import java.time.Instant;

/**
 * A collector read every planned file of a snapshot and handed its manifest to Kafka. Storage has not
 * necessarily written it yet: {@link SnapshotStored} says so per location.
 *
 * <p>Version 1. {@code filesVanished} counts files that were deleted between planning and copying (a
 * database deleted meanwhile): they are not in the manifest. {@code discovery} is {@code docker} or
 * {@code configured-paths}, as in the manifest's host facts.
 */
public record SnapshotCompleted(
        int version,
        String deploymentId,
        String snapshotId,
        String manifestId,
        long files,
        long filesVanished,
        long bytesRead,
        long chunksSent,
        long bytesSent,
        String discovery,
        Instant startedAt,
        Instant finishedAt) {

    public static final int VERSION = 1;

    public SnapshotCompleted {
        EventChecks.version(version, VERSION, "SnapshotCompleted");
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(snapshotId, "snapshotId");
        EventChecks.required(manifestId, "manifestId");
        EventChecks.required(startedAt, "startedAt");
        EventChecks.required(finishedAt, "finishedAt");
    }
}
