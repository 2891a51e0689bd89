package org.chtbackup.contracts.manifest;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything needed to restore one snapshot, whichever format it was stored in (docs/format.md).
 *
 * <p>Format 1 is this record's JSON as one object. Format 2 (written by this build) stores the same content as a
 * small {@link ManifestHead} object plus a {@link ManifestBody} (the file list) cut into ordinary content-addressed
 * chunks the head names, so no object or message grows with the host; {@link ManifestCodec} reads both.
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

    /** One JSON object holding everything: written by earlier builds, still read. */
    public static final int FORMAT_1 = 1;
    /** A head object naming the chunks of the body: written by this build. */
    public static final int FORMAT_2 = 2;
    /** The format this build writes. */
    public static final int FORMAT_VERSION = FORMAT_2;

    public Manifest {
        if (formatVersion != FORMAT_1 && formatVersion != FORMAT_2) {
            throw new IllegalArgumentException("manifest format " + formatVersion + " is not supported; this build reads "
                    + FORMAT_1 + " and " + FORMAT_2 + ": restore with a newer cht-backup");
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
