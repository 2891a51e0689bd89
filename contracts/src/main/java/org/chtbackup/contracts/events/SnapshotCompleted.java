package org.chtbackup.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A collector read every planned file of a snapshot and handed its manifest to Kafka. Storage has not
 * necessarily written it yet: {@link SnapshotStored} says so per location.
 *
 * <p>Version 1. {@code filesVanished} counts files that were deleted between planning and copying (a
 * database deleted meanwhile): they are not in the manifest. {@code discovery} is {@code docker} or
 * {@code configured-paths}, as in the manifest's host facts.
 *
 * <p>Version 2 adds the append-aware read: {@code bytesRead} counts bytes read from disk, {@code bytesKept} the
 * bytes of append-only files kept from their earlier read without reading them; {@code filesFromTail} and
 * {@code filesReadInFull} count append-only files read each way; {@code appendMismatches} names files whose
 * scheduled full read disagreed with what the shortcut would have kept (it should always be empty). Version 1
 * events read with zeros and an empty list.
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
        Instant finishedAt,
        long bytesKept,
        long filesFromTail,
        long filesReadInFull,
        List<String> appendMismatches) {

    public static final int VERSION = 2;

    public SnapshotCompleted {
        EventChecks.version(version, VERSION, "SnapshotCompleted");
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(snapshotId, "snapshotId");
        EventChecks.required(manifestId, "manifestId");
        EventChecks.required(startedAt, "startedAt");
        EventChecks.required(finishedAt, "finishedAt");
        appendMismatches = appendMismatches == null ? List.of() : List.copyOf(appendMismatches);
    }
}
