package org.chtbackup.collector.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.packs.ChunkLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns per-location {@link SnapshotStored} events into index entries. Before a manifest is sent, the snapshot's
 * chunk ids and their pack locations are written to {@code pending/<snapshot>.chunks}; each location that stores it is appended to
 * {@code pending/<snapshot>.locations}; once {@code requiredLocations} distinct locations have it, its chunks go
 * into the {@link ChunkIndex} and the pending files are removed. Duplicated, reordered or foreign events are
 * harmless. A file lock lets a CLI run and the service share one state folder.
 */
public final class StoredAcknowledgements {

    private static final Logger log = LoggerFactory.getLogger(StoredAcknowledgements.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final String deploymentId;
    private final Path pending;
    private final ChunkIndex index;
    private final int requiredLocations;

    public StoredAcknowledgements(String deploymentId, Path stateDir, ChunkIndex index, int requiredLocations) {
        if (requiredLocations < 1) {
            throw new IllegalArgumentException("collector.required-locations must be at least 1, got " + requiredLocations);
        }
        this.deploymentId = deploymentId;
        this.pending = stateDir.resolve("pending");
        this.index = index;
        this.requiredLocations = requiredLocations;
    }

    /**
     * Records the chunks a snapshot's manifest names and where each lies; call before the manifest is sent. One
     * line per chunk: {@code <chunk id> <pack id> <offset> <length>}.
     */
    public void manifestSending(String snapshotId, Map<String, ChunkLocation> chunks) {
        Path file = pending.resolve(safe(snapshotId) + ".chunks");
        StringBuilder lines = new StringBuilder(chunks.size() * 150);
        chunks.forEach((id, at) -> lines.append(id).append(' ').append(at.packId()).append(' ').append(at.offset())
                .append(' ').append(at.length()).append('\n'));
        locked(() -> {
            Path tmp = pending.resolve(safe(snapshotId) + ".chunks.new");
            Files.write(tmp, lines.toString().getBytes(StandardCharsets.US_ASCII));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        });
    }

    /** Forgets a snapshot whose manifest was never sent. */
    public void manifestNotSent(String snapshotId) {
        locked(() -> {
            Files.deleteIfExists(pending.resolve(safe(snapshotId) + ".chunks"));
            Files.deleteIfExists(pending.resolve(safe(snapshotId) + ".locations"));
        });
    }

    /** Handles one event; events of other deployments and unknown snapshots are ignored. */
    public void stored(SnapshotStored event) {
        if (!deploymentId.equals(event.deploymentId()) || !SAFE_ID.matcher(event.snapshotId()).matches()) {
            return;
        }
        locked(() -> {
            Path chunks = pending.resolve(event.snapshotId() + ".chunks");
            Path locations = pending.resolve(event.snapshotId() + ".locations");
            if (!Files.exists(chunks)) {
                return; // already indexed, or sent by an earlier installation: nothing to learn
            }
            Set<String> stored = new LinkedHashSet<>(Files.exists(locations)
                    ? Files.readAllLines(locations, StandardCharsets.UTF_8) : List.of());
            if (stored.add(event.location())) {
                Files.writeString(locations, event.location() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            if (stored.size() >= requiredLocations) {
                Map<String, ChunkLocation> located = read(chunks);
                index.addAll(located);
                Files.delete(chunks);
                Files.deleteIfExists(locations);
                log.info("snapshot {}/{} is in {} locations: {} chunks will not be sent again", deploymentId,
                        event.snapshotId(), stored.size(), located.size());
            }
        });
    }

    /** A pending file; a line that does not parse (a file from an earlier build, damage) is skipped: re-sent. */
    private static Map<String, ChunkLocation> read(Path file) throws IOException {
        Map<String, ChunkLocation> located = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] f = line.strip().split(" ");
            if (f.length != 4) {
                continue;
            }
            try {
                located.put(f[0], new ChunkLocation(f[1], Long.parseLong(f[2]), Integer.parseInt(f[3])));
            } catch (IllegalArgumentException e) {
                log.warn("pending acknowledgements {}: skipping a malformed line (that chunk is re-sent)", file);
            }
        }
        return located;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private synchronized void locked(IoAction action) {
        try {
            Files.createDirectories(pending);
            try (FileChannel ch = FileChannel.open(pending.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("updating " + pending + " failed: check collector.state-dir", e);
        }
    }

    private static String safe(String snapshotId) {
        if (!SAFE_ID.matcher(snapshotId).matches()) {
            throw new IllegalArgumentException("snapshot id '" + snapshotId + "' is not a safe file name");
        }
        return snapshotId;
    }
}
