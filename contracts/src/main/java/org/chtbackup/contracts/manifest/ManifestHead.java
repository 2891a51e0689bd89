package org.chtbackup.contracts.manifest;

import java.time.Instant;
import java.util.List;

/**
 * The manifest object of format 2: everything about a snapshot except its file list, plus the ordered ids of the
 * chunks whose concatenation is the {@link ManifestBody}. Small whatever the host's size (tens of kilobytes for
 * hundreds of gigabytes), so it fits one message and one small object.
 *
 * @param fileCount   how many files the body lists (checked when it is read)
 * @param totalBytes  the sum of the files' sizes
 * @param bodyBytes   the body's length in bytes
 * @param bodySha256  SHA-256 of the body (hex): the concatenation of {@code bodyChunks} must match it
 * @param bodyChunks  chunk ids, in order, of the body; each is an ordinary chunk object
 */
public record ManifestHead(
        int formatVersion,
        String deploymentId,
        String snapshotId,
        Instant createdAt,
        HostFacts host,
        LiveStatistics liveBefore,
        LiveStatistics liveAfter,
        int fileCount,
        long totalBytes,
        long bodyBytes,
        String bodySha256,
        List<String> bodyChunks) {

    public ManifestHead {
        if (formatVersion != Manifest.FORMAT_2) {
            throw new IllegalArgumentException("a manifest head is format " + Manifest.FORMAT_2 + ", not " + formatVersion);
        }
        if (deploymentId == null || snapshotId == null || bodySha256 == null || bodyChunks == null) {
            throw new IllegalArgumentException("manifest head needs deploymentId, snapshotId, bodySha256 and bodyChunks");
        }
        bodyChunks = List.copyOf(bodyChunks);
    }
}
