package org.chtbackup.contracts.events;

import java.time.Instant;

/**
 * A snapshot stopped before its manifest was sent, so no location will ever hold it. Chunks already sent
 * are harmless (content-addressed) and are reused by the next snapshot.
 *
 * <p>Version 1. {@code reason} says what failed and where (a path, a key name, an HTTP status) and never
 * contains secrets or document contents.
 */
public record SnapshotFailed(
        int version,
        String deploymentId,
        String snapshotId,
        String reason,
        Instant startedAt,
        Instant failedAt) {

    public static final int VERSION = 1;

    public SnapshotFailed {
        EventChecks.version(version, VERSION, "SnapshotFailed");
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(snapshotId, "snapshotId");
        EventChecks.required(reason, "reason");
        EventChecks.required(startedAt, "startedAt");
        EventChecks.required(failedAt, "failedAt");
    }
}
