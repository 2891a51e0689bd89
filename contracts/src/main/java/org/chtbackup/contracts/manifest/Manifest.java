package org.chtbackup.contracts.manifest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.chtbackup.contracts.packs.ChunkLocation;

/**
 * Everything needed to restore one snapshot, whichever format it was stored in (docs/format.md).
 *
 * <p>Format 1 is this record's JSON as one object. Format 2 stores the same content as a small {@link ManifestHead}
 * object plus a {@link ManifestBody} (the file list) cut into ordinary content-addressed chunks the head names, so
 * no object or message grows with the host. Format 3 (written by this build) keeps chunks in packs: the body adds,
 * for every chunk it names, its {@link ChunkLocation} in a pack ({@code locations}), and the head names where each
 * of the body's own chunks lies. {@link ManifestCodec} reads all three.
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
        LiveStatistics liveAfter,
        @JsonIgnore Map<String, ChunkLocation> locations) {

    /** One JSON object holding everything: written by earlier builds, still read. */
    public static final int FORMAT_1 = 1;
    /** A head object naming the chunks of the body, one object per chunk: written by earlier builds, still read. */
    public static final int FORMAT_2 = 2;
    /** A head and a body whose chunks, like all others, lie in packs: written by this build. */
    public static final int FORMAT_3 = 3;
    /** The format this build writes. */
    public static final int FORMAT_VERSION = FORMAT_3;

    public Manifest {
        if (formatVersion < FORMAT_1 || formatVersion > FORMAT_3) {
            throw new IllegalArgumentException("manifest format " + formatVersion + " is not supported; this build reads "
                    + FORMAT_1 + " to " + FORMAT_3 + ": restore with a newer cht-backup");
        }
        files = List.copyOf(files);
        locations = locations == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(locations));
        if (formatVersion == FORMAT_3) {
            for (FileEntry file : files) {
                for (String chunk : file.chunks()) {
                    if (!locations.containsKey(chunk)) {
                        throw new IllegalArgumentException("manifest " + snapshotId + " names chunk " + chunk + " of "
                                + file.root().folder() + "/" + file.path() + " but no pack holds it");
                    }
                }
            }
        }
    }

    /** A manifest of format 1 or 2, whose chunks are objects of their own. */
    public Manifest(int formatVersion, String deploymentId, String snapshotId, Instant createdAt, HostFacts host,
                    List<FileEntry> files, LiveStatistics liveBefore, LiveStatistics liveAfter) {
        this(formatVersion, deploymentId, snapshotId, createdAt, host, files, liveBefore, liveAfter, Map.of());
    }

    /** Whether chunks of this snapshot lie in packs (format 3) rather than being objects of their own. */
    public boolean packed() {
        return formatVersion >= FORMAT_3;
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
