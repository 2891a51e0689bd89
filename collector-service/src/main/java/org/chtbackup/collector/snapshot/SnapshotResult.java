package org.chtbackup.collector.snapshot;

import java.time.Instant;

/** What one snapshot did. {@code manifestId} is null when it failed; {@code failure} then says why. */
public record SnapshotResult(
        String deploymentId,
        String snapshotId,
        String manifestId,
        Instant startedAt,
        Instant finishedAt,
        long files,
        long bytesRead,
        long chunksSent,
        long bytesSent,
        String failure) {

    public boolean succeeded() {
        return failure == null;
    }
}
