package org.chtbackup.storage.writing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one object into every location. Each location is tried even when another fails; if any failed, the
 * whole call fails afterwards so the record is redelivered, and the puts that already landed are no-ops the
 * second time (keys are content addresses).
 */
public final class ObjectWriter {

    private static final Logger log = LoggerFactory.getLogger(ObjectWriter.class);

    private final List<Location> locations;
    private final Consumer<SnapshotStored> stored;
    private final Clock clock;

    public ObjectWriter(List<Location> locations, Consumer<SnapshotStored> stored, Clock clock) {
        this.locations = List.copyOf(locations);
        this.stored = stored;
        this.clock = clock;
    }

    public void write(ObjectEncrypted object) {
        List<String> failures = new ArrayList<>();
        for (Location location : locations) {
            try {
                if (object.kind() == PartKind.CHUNK) {
                    location.put(object.objectKey(), object.object());
                } else {
                    writeManifest(location, object);
                }
            } catch (LocationException | MissingChunksException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new StorageWriteException(object.objectKey(), failures);
        }
    }

    private void writeManifest(Location location, ObjectEncrypted manifest) {
        List<String> missing = missingChunks(location, manifest);
        if (!missing.isEmpty()) {
            throw new MissingChunksException(location.name(), manifest.objectKey(), missing);
        }
        location.put(manifest.objectKey(), manifest.object());
        log.info("snapshot {}/{} stored in '{}' ({} chunks)", manifest.deploymentId(), manifest.snapshotId(),
                location.name(), manifest.chunkKeys().size());
        stored.accept(new SnapshotStored(SnapshotStored.VERSION, manifest.deploymentId(), manifest.snapshotId(),
                location.name(), manifest.objectKey(), manifest.chunkKeys().size(), clock.instant()));
    }

    /** One listing of the deployment's chunks, then a direct check of anything the listing did not show. */
    private static List<String> missingChunks(Location location, ObjectEncrypted manifest) {
        Set<String> present = new HashSet<>(location.list(ObjectLayout.chunksPrefix(manifest.deploymentId())));
        return manifest.chunkKeys().stream()
                .filter(key -> !present.contains(key))
                .filter(key -> !location.exists(key))
                .toList();
    }
}
