package org.chtbackup.storage.writing;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotLocationStatus;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationException;
import org.chtbackup.location.ObjectNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one object into one location. A pack is put (a no-op when already there). A pack list piece is kept as a
 * piece of the snapshot's {@link SnapshotIndex} (its encrypted payload is empty and not kept). A manifest is
 * written in three steps under the deployment's lock: its {@link SnapshotIndex} (so prune sees the packs as
 * wanted), a check that every list piece it counts and every pack named there or in the event is in the
 * location (pieces re-read from the location, so the check survives restarts, redeliveries and reordering), and
 * only then the manifest, followed by {@link SnapshotStored} and a COMPLETE status.
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
        if (object.kind() == PartKind.PACK) {
            activity.seen(object.objectKey(), clock.instant());
            location.put(object.objectKey(), object.object());
            return Placement.STORED;
        }
        if (object.kind() == PartKind.PACK_LIST) {
            // A running snapshot names packs it did not send (dedup): they count as wanted from now on.
            object.neededKeys().forEach(key -> activity.seen(key, clock.instant()));
            placePiece(location, object);
            return Placement.STORED;
        }
        Placement placed = locks.with(object.deploymentId(), () -> placeManifest(location, object));
        if (placed.stored()) {
            log.info("snapshot {}/{} stored in '{}' ({} objects)", object.deploymentId(), object.snapshotId(),
                    location.name(), placed.chunks());
            events.stored(new SnapshotStored(SnapshotStored.VERSION, object.deploymentId(), object.snapshotId(),
                    location.name(), object.objectKey(), placed.chunks(), clock.instant()));
            status(object, location.name(), SnapshotLocationStatus.Status.COMPLETE, "manifest and "
                    + placed.chunks() + " object(s) stored");
        }
        return placed;
    }

    private static void placePiece(Location location, ObjectEncrypted piece) {
        String key = piece.objectKey();
        if (!key.startsWith(SnapshotIndex.prefix(piece.deploymentId())) || !SnapshotIndex.isPiece(key)) {
            throw new IllegalArgumentException("pack list " + key + " is not under " + SnapshotIndex.prefix(
                    piece.deploymentId()) + " as <manifestId>.<n>" + SnapshotIndex.SUFFIX);
        }
        SnapshotIndex index = new SnapshotIndex(SnapshotIndex.manifestKeyOf(key), piece.snapshotId(),
                piece.neededKeys(), 0);
        location.put(key, index.encode());
    }

    private Placement placeManifest(Location location, ObjectEncrypted manifest) {
        SnapshotIndex index = new SnapshotIndex(manifest.objectKey(), manifest.snapshotId(), manifest.neededKeys(),
                manifest.listPieces());
        location.put(index.key(), index.encode());
        List<String> missing = new ArrayList<>();
        List<List<String>> named = new ArrayList<>();
        named.add(manifest.neededKeys());
        for (int n = 0; n < manifest.listPieces(); n++) {
            String pieceKey = SnapshotIndex.pieceKey(manifest.objectKey(), n);
            SnapshotIndex piece = readPiece(location, pieceKey);
            if (piece == null) {
                missing.add(pieceKey);
            } else {
                named.add(piece.objectKeys());
            }
        }
        Set<String> present = new HashSet<>(location.list(ObjectLayout.packsPrefix(manifest.deploymentId())));
        Set<String> seen = new HashSet<>();
        for (List<String> keys : named) {
            for (String key : keys) {
                if (seen.add(key) && !present.contains(key) && !location.exists(key)) {
                    missing.add(key);
                }
            }
        }
        if (!missing.isEmpty()) {
            return Placement.waiting(missing);
        }
        location.put(manifest.objectKey(), manifest.object());
        return Placement.stored(seen.size());
    }

    /** A piece as the location has it, or null when it is absent or unreadable there (catch-up copies it). */
    private static SnapshotIndex readPiece(Location location, String key) {
        try (InputStream in = location.get(key)) {
            return SnapshotIndex.decode(key, in);
        } catch (ObjectNotFoundException | IllegalArgumentException e) {
            return null;
        } catch (IOException e) {
            throw new LocationException("location '" + location.name() + "' failed reading " + key, true, e);
        }
    }

    /** Reports a snapshot's state in a location. */
    public void status(ObjectEncrypted manifest, String location, SnapshotLocationStatus.Status status, String detail) {
        events.status(new SnapshotLocationStatus(SnapshotLocationStatus.VERSION, manifest.deploymentId(),
                manifest.snapshotId(), location, manifest.objectKey(), status, detail, clock.instant()));
    }

}
