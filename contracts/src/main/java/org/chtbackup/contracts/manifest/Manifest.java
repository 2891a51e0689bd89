package org.chtbackup.contracts.manifest;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything needed to restore one snapshot. Format version 1.
 *
 * <p>{@code files} are in copy order (view indexes, then databases, then the rest). {@code liveBefore} and
 * {@code liveAfter} are the CouchDB statistics read over HTTP just before and after the copy; either may be
 * null when no CouchDB answered, and verify then says so instead of comparing.
 */
public record Manifest(
        int formatVersion,
        String deploymentId,
        String snapshotId,
        Instant createdAt,
        HostFacts host,
        List<FileEntry> files,
        LiveStatistics liveBefore,
        LiveStatistics liveAfter) {

    public static final int FORMAT_VERSION = 1;

    public Manifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("manifest format " + formatVersion + " is not supported; this build reads "
                    + FORMAT_VERSION);
        }
        files = List.copyOf(files);
    }

    /** Every distinct chunk id in first-use order. */
    public List<String> chunkIds() {
        Set<String> ids = new LinkedHashSet<>();
        files.forEach(f -> ids.addAll(f.chunks()));
        return List.copyOf(ids);
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::size).sum();
    }
}
