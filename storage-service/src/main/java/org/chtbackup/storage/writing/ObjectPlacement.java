package org.chtbackup.storage.writing;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotLocationStatus;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.location.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one object into one location. A chunk is put (a no-op when already there). A manifest is written in three
 * steps under the deployment's lock: its {@link SnapshotIndex} (so prune sees the chunks as wanted), a check that
 * every chunk is there, and only then the manifest, followed by {@link SnapshotStored} and a COMPLETE status.
 * Location failures propagate as {@link org.chtbackup.location.LocationException}.
 */
public final class ObjectPlacement {

    private static final Logger log = LoggerFactory.getLogger(ObjectPlacement.class);

    private final SnapshotEvents events;
    private final DeploymentLocks locks;
    private final ChunkActivity activity;
    private final Clock clock;

    public ObjectPlacement(SnapshotEvents events, DeploymentLocks locks, ChunkActivity activity, Clock clock) {
        this.events = events;
        this.locks = locks;
        this.activity = activity;
        this.clock = clock;
    }

    public Placement place(Location location, ObjectEncrypted object) {
        if (object.kind() == PartKind.CHUNK) {
            activity.seen(object.objectKey(), clock.instant());
            location.put(object.objectKey(), object.object());
            return Placement.STORED;
        }
        Placement placed = locks.with(object.deploymentId(), () -> placeManifest(location, object));
        if (placed.stored()) {
            log.info("snapshot {}/{} stored in '{}' ({} chunks)", object.deploymentId(), object.snapshotId(),
                    location.name(), object.chunkKeys().size());
            events.stored(new SnapshotStored(SnapshotStored.VERSION, object.deploymentId(), object.snapshotId(),
                    location.name(), object.objectKey(), object.chunkKeys().size(), clock.instant()));
            status(object, location.name(), SnapshotLocationStatus.Status.COMPLETE, "manifest and "
                    + object.chunkKeys().size() + " chunk(s) stored");
        }
        return placed;
    }

    private Placement placeManifest(Location location, ObjectEncrypted manifest) {
        SnapshotIndex index = new SnapshotIndex(manifest.objectKey(), manifest.snapshotId(), manifest.chunkKeys());
        location.put(index.key(), index.encode());
        List<String> missing = missingChunks(location, manifest);
        if (!missing.isEmpty()) {
            return Placement.waiting(missing);
        }
        location.put(manifest.objectKey(), manifest.object());
        return Placement.STORED;
    }

    /** Reports a snapshot's state in a location. */
    public void status(ObjectEncrypted manifest, String location, SnapshotLocationStatus.Status status, String detail) {
        events.status(new SnapshotLocationStatus(SnapshotLocationStatus.VERSION, manifest.deploymentId(),
                manifest.snapshotId(), location, manifest.objectKey(), status, detail, clock.instant()));
    }

    /** One listing of the deployment's chunks, then a direct check of anything the listing did not show. */
    static List<String> missingChunks(Location location, ObjectEncrypted manifest) {
        Set<String> present = new HashSet<>(location.list(ObjectLayout.chunksPrefix(manifest.deploymentId())));
        return manifest.chunkKeys().stream()
                .filter(key -> !present.contains(key))
                .filter(key -> !location.exists(key))
                .toList();
    }
}
