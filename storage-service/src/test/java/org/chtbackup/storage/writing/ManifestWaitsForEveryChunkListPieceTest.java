package org.chtbackup.storage.writing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotLocationStatus;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 1 with chunk lists in pieces: on a real filesystem location, a manifest is refused while any piece of
 * its chunk list, or any chunk a piece names, is missing; pieces are re-read from the location, so a manifest that
 * came first, or is redelivered to a restarted storage, is written once everything is there.
 */
class ManifestWaitsForEveryChunkListPieceTest {

    private static final String DEPLOYMENT = "piece-clinic";

    @TempDir
    Path dir;

    private final List<SnapshotStored> stored = new ArrayList<>();
    private final SnapshotEvents events = new SnapshotEvents() {
        @Override
        public void stored(SnapshotStored event) {
            stored.add(event);
        }

        @Override
        public void status(SnapshotLocationStatus event) {
        }
    };

    @Test
    void aManifestWaitsForAMissingPieceAndForAChunkOnlyAPieceNames() {
        Location location = new LocationSpec("pieces", LocationSpec.Kind.FILESYSTEM, null, null, null, null, null,
                dir.resolve("nas"), "disk", false).open();
        String manifestId = ObjectLayout.manifestId(Instant.now(), "s1");
        List<ObjectEncrypted> chunks = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            byte[] id = new byte[32];
            id[0] = (byte) (i + 1);
            chunks.add(new ObjectEncrypted(ObjectEncrypted.VERSION, DEPLOYMENT, "s1", PartKind.PACK,
                    ObjectLayout.packKey(DEPLOYMENT, HexFormat.of().formatHex(id)), List.of(),
                    0, ("chunk " + i).getBytes(StandardCharsets.UTF_8)));
        }
        List<ObjectEncrypted> pieces = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            pieces.add(new ObjectEncrypted(ObjectEncrypted.VERSION, DEPLOYMENT, "s1", PartKind.PACK_LIST,
                    ObjectLayout.chunkListKey(DEPLOYMENT, ObjectLayout.chunkListId(manifestId, n)),
                    chunks.subList(n * 3, n * 3 + 3).stream().map(ObjectEncrypted::objectKey).toList(), 0, new byte[1]));
        }
        ObjectEncrypted manifest = new ObjectEncrypted(ObjectEncrypted.VERSION, DEPLOYMENT, "s1", PartKind.MANIFEST,
                ObjectLayout.manifestKey(DEPLOYMENT, manifestId), List.of(), 3, "head".getBytes(StandardCharsets.UTF_8));
        ObjectPlacement placement = new ObjectPlacement(events, new DeploymentLocks(), new ChunkActivity(),
                Clock.systemUTC());

        // The manifest arrives first: nothing is there yet.
        Placement first = placement.place(location, manifest);
        assertThat(first.stored()).isFalse();
        assertThat(first.missing()).containsAll(pieces.stream().map(ObjectEncrypted::objectKey).toList());

        chunks.forEach(c -> placement.place(location, c));
        placement.place(location, pieces.get(0));
        placement.place(location, pieces.get(2));
        Placement pieceMissing = placement.place(location, manifest);
        assertThat(pieceMissing.stored()).isFalse();
        assertThat(pieceMissing.missing()).containsExactly(pieces.get(1).objectKey());
        assertThat(location.exists(manifest.objectKey())).isFalse();

        placement.place(location, pieces.get(1));
        location.delete(chunks.get(4).objectKey()); // named only by piece 1
        Placement chunkMissing = placement.place(location, manifest);
        assertThat(chunkMissing.missing()).containsExactly(chunks.get(4).objectKey());
        assertThat(location.exists(manifest.objectKey())).isFalse();
        assertThat(stored).isEmpty();

        placement.place(location, chunks.get(4));
        ObjectPlacement restarted = new ObjectPlacement(events, new DeploymentLocks(), new ChunkActivity(),
                Clock.systemUTC());
        Placement written = restarted.place(location, manifest);

        assertThat(written.stored()).isTrue();
        assertThat(location.exists(manifest.objectKey())).isTrue();
        assertThat(stored).singleElement().extracting(SnapshotStored::chunkCount).isEqualTo(9);
        assertThat(restarted.place(location, manifest).stored()).as("a redelivered manifest is a no-op").isTrue();
        assertThat(location.list(SnapshotIndex.prefix(DEPLOYMENT))).containsExactlyInAnyOrder(
                SnapshotIndex.keyOf(manifest.objectKey()), pieces.get(0).objectKey(), pieces.get(1).objectKey(),
                pieces.get(2).objectKey());
    }
}
