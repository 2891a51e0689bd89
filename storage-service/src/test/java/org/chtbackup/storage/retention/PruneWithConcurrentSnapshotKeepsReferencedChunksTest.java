package org.chtbackup.storage.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotLocationStatus;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.testing.SettableClock;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.chtbackup.location.testing.S3ProxyTestServer;
import org.chtbackup.storage.writing.ChunkActivity;
import org.chtbackup.storage.writing.DeploymentLocks;
import org.chtbackup.storage.writing.ObjectPlacement;
import org.chtbackup.storage.writing.SnapshotEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prune runs while a new snapshot is being written into the same real S3 location (s3proxy): it forgets old
 * snapshots and deletes their chunks only after the grace period, and never a chunk that a kept or in-progress
 * snapshot names — including old chunks the new snapshot re-uses.
 */
class PruneWithConcurrentSnapshotKeepsReferencedChunksTest {

    private static final String DEPLOYMENT = "prune-clinic";

    @TempDir
    Path work;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T00:00:00Z"));

    private int chunkSeq;

    private ObjectEncrypted chunk() {
        byte[] id = new byte[32];
        id[0] = (byte) (++chunkSeq);
        id[1] = (byte) (chunkSeq >> 8);
        return new ObjectEncrypted(ObjectEncrypted.VERSION, DEPLOYMENT, "x", PartKind.PACK,
                ObjectLayout.packKey(DEPLOYMENT, HexFormat.of().formatHex(id)), List.of(),
                0, ("chunk " + chunkSeq).getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectEncrypted manifest(String snapshotId, Instant at, List<ObjectEncrypted> chunks) {
        return new ObjectEncrypted(ObjectEncrypted.VERSION, DEPLOYMENT, snapshotId, PartKind.MANIFEST,
                ObjectLayout.manifestKey(DEPLOYMENT, ObjectLayout.manifestId(at, snapshotId)),
                chunks.stream().map(ObjectEncrypted::objectKey).toList(), 0, snapshotId.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pruneDeletesOnlyChunksNoKeptOrRunningSnapshotNames() throws Exception {
        try (S3ProxyTestServer server = S3ProxyTestServer.start(work.resolve("s3"))) {
            LocationSpec spec = server.location("prune-s3", "prune-s3", true);
            Location location = spec.open();
            List<SnapshotStored> stored = new ArrayList<>();
            SnapshotEvents events = new SnapshotEvents() {
                public void stored(SnapshotStored e) {
                    stored.add(e);
                }

                public void status(SnapshotLocationStatus e) {
                }
            };
            DeploymentLocks locks = new DeploymentLocks();
            ChunkActivity activity = new ChunkActivity();
            ObjectPlacement placement = new ObjectPlacement(events, locks, activity, clock);
            Pruner pruner = new Pruner(List.of(location), new RetentionSettings(1, 0, 0, 0, Duration.ofHours(1)),
                    locks, activity, clock);

            // Two old snapshots sharing one chunk; only the newest is kept by keep-last 1.
            ObjectEncrypted shared = chunk();
            ObjectEncrypted onlyOld = chunk();
            ObjectEncrypted reusedLater = chunk();
            List<ObjectEncrypted> oldChunks = List.of(shared, onlyOld, reusedLater);
            List<ObjectEncrypted> keptChunks = List.of(shared, chunk());
            oldChunks.forEach(c -> placement.place(location, c));
            keptChunks.forEach(c -> placement.place(location, c));
            ObjectEncrypted oldManifest = manifest("old", Instant.parse("2026-02-27T00:00:00Z"), oldChunks);
            ObjectEncrypted keptManifest = manifest("kept", Instant.parse("2026-02-28T00:00:00Z"), keptChunks);
            assertThat(placement.place(location, oldManifest).stored()).isTrue();
            assertThat(placement.place(location, keptManifest).stored()).isTrue();

            // A day later: the old snapshot is forgotten, its own chunks only marked.
            clock.set(Instant.parse("2026-03-02T00:00:00Z"));
            PruneReport first = pruner.prune(DEPLOYMENT, false);
            assertThat(first.locations().get(0).forgotten()).containsExactly(
                    oldManifest.objectKey().substring(oldManifest.objectKey().lastIndexOf('/') + 1).replace(".manifest", ""));
            assertThat(first.locations().get(0).chunksDeleted()).isEmpty();

            // Past the grace period a new snapshot starts, re-sending an old chunk, while prune sweeps.
            clock.set(Instant.parse("2026-03-02T02:00:00Z"));
            List<ObjectEncrypted> newChunks = new ArrayList<>(List.of(reusedLater));
            for (int i = 0; i < 30; i++) {
                newChunks.add(chunk());
            }
            ObjectEncrypted newManifest = manifest("new", clock.instant(), newChunks);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                newChunks.forEach(c -> placement.place(location, c));
                placement.place(location, newManifest);
            });
            PruneReport second = pruner.prune(DEPLOYMENT, false);
            writer.get();
            PruneReport third = pruner.prune(DEPLOYMENT, false);

            Set<String> present = new HashSet<>(location.list(DEPLOYMENT + "/"));
            List<ObjectEncrypted> referenced = new ArrayList<>(keptChunks);
            referenced.addAll(newChunks);
            for (ObjectEncrypted c : referenced) {
                assertThat(present).as("referenced chunk %s", c.objectKey()).contains(c.objectKey());
            }
            // The third prune keeps only "new" (keep-last 1); "kept"'s chunks are merely marked, within the grace.
            assertThat(present).contains(newManifest.objectKey())
                    .doesNotContain(oldManifest.objectKey(), keptManifest.objectKey(), onlyOld.objectKey());
            assertThat(third.locations().get(0).chunksMarked()).as("kept's two chunks").isEqualTo(2);
            List<String> deleted = new ArrayList<>(second.locations().get(0).chunksDeleted());
            deleted.addAll(third.locations().get(0).chunksDeleted());
            assertThat(deleted).containsExactly(onlyOld.objectKey());
            assertThat(stored).extracting(SnapshotStored::snapshotId).contains("new");
        }
    }
}
