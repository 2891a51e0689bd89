package org.chtbackup.contracts.manifest;

import java.time.Instant;
import java.util.List;

import org.chtbackup.contracts.packs.ChunkLocation;

/**
 * The manifest object of format 2: everything about a snapshot except its file list, plus the ordered ids of the
 * chunks whose concatenation is the {@link ManifestBody}. Small whatever the host's size (tens of kilobytes for
 * hundreds of gigabytes), so it fits one message and one small object.
 *
 * @param fileCount   how many files the body lists (checked when it is read)
 * @param totalBytes  the sum of the files' sizes
 * @param bodyBytes   the body's length in bytes
 * @param bodySha256  SHA-256 of the body (hex): the concatenation of {@code bodyChunks} must match it
 * @param bodyChunks  chunk ids, in order, of the body; each is an ordinary chunk object (format 2) or lies in a pack
 * @param bodyLocations format 3: where each of {@code bodyChunks} lies, in the same order; empty in format 2
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
        List<String> bodyChunks,
        List<ChunkLocation> bodyLocations) {

    public ManifestHead {
        if (formatVersion != Manifest.FORMAT_2 && formatVersion != Manifest.FORMAT_3) {
            throw new IllegalArgumentException("a manifest head is format " + Manifest.FORMAT_2 + " or "
                    + Manifest.FORMAT_3 + ", not " + formatVersion);
        }
        if (deploymentId == null || snapshotId == null || bodySha256 == null || bodyChunks == null) {
            throw new IllegalArgumentException("manifest head needs deploymentId, snapshotId, bodySha256 and bodyChunks");
        }
        bodyChunks = List.copyOf(bodyChunks);
        bodyLocations = bodyLocations == null ? List.of() : List.copyOf(bodyLocations);
        if (formatVersion == Manifest.FORMAT_3 && bodyLocations.size() != bodyChunks.size()) {
            throw new IllegalArgumentException("manifest head of " + snapshotId + " locates " + bodyLocations.size()
                    + " of its " + bodyChunks.size() + " body chunks");
        }
    }
}
