package org.chtbackup.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.SnapshotLocationStatus;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.location.Location;
import org.chtbackup.storage.StorageHarness.Snapshot;
import org.chtbackup.storage.repair.RepairReport;
import org.chtbackup.storage.repair.SnapshotRepair;
import org.chtbackup.storage.retention.PruneReport;
import org.chtbackup.storage.retention.Pruner;
import org.chtbackup.storage.retention.RetentionSettings;
import org.chtbackup.storage.writing.ChunkActivity;
import org.chtbackup.storage.writing.DeploymentLocks;
import org.chtbackup.storage.writing.ObjectPlacement;
import org.chtbackup.storage.writing.SnapshotEvents;
import org.chtbackup.storage.writing.SnapshotIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots whose chunks are named only through chunk list pieces, on real filesystem locations: prune keeps every
 * chunk a kept snapshot's pieces name, deletes a forgotten snapshot's pieces, and stops when a kept snapshot lacks a
 * piece; repair restores a missing piece and a chunk only a piece names.
 */
class ChunkListPiecesAreReadByPruneAndRepairTest {

    private static final String DEPLOYMENT = "pieces-prune";

    @TempDir
    Path work;

    private final SnapshotEvents events = new SnapshotEvents() {
        @Override
        public void stored(SnapshotStored event) {
        }

        @Override
        public void status(SnapshotLocationStatus event) {
        }
    };

    @Test
    void pruneKeepsWhatPiecesNameAndForgetsPiecesWithTheirSnapshot() {
        Location location = StorageHarness.directory("prune-nas", work.resolve("nas")).open();
        DeploymentLocks locks = new DeploymentLocks();
        ChunkActivity activity = new ChunkActivity();
        ObjectPlacement placement = new ObjectPlacement(events, locks, activity, Clock.systemUTC());
        Snapshot old = Snapshot.pieced(DEPLOYMENT, "old", 7, 3);
        sleepASecond(); // manifest ids carry the second: the kept snapshot is the newer one
        Snapshot kept = Snapshot.pieced(DEPLOYMENT, "kept", 8, 3);
        old.all().forEach(o -> assertThat(placement.place(location, o).stored()).isTrue());
        kept.all().forEach(o -> assertThat(placement.place(location, o).stored()).isTrue());

        Instant later = Instant.now().plus(Duration.ofDays(1));
        Pruner first = new Pruner(List.of(location), new RetentionSettings(1, 0, 0, 0, Duration.ofHours(1)), locks,
                activity, Clock.fixed(later, ZoneOffset.UTC));
        PruneReport marked = first.prune(DEPLOYMENT, false);
        Pruner second = new Pruner(List.of(location), new RetentionSettings(1, 0, 0, 0, Duration.ofHours(1)), locks,
                activity, Clock.fixed(later.plus(Duration.ofHours(2)), ZoneOffset.UTC));
        PruneReport swept = second.prune(DEPLOYMENT, false);

        assertThat(marked.locations().get(0).problems()).isEmpty();
        assertThat(swept.locations().get(0).chunksDeleted()).containsExactlyInAnyOrderElementsOf(
                old.chunks().stream().map(ObjectEncrypted::objectKey).toList());
        Set<String> present = new HashSet<>(location.list(DEPLOYMENT + "/"));
        kept.all().forEach(o -> assertThat(present).as("kept %s", o.objectKey()).contains(o.objectKey()));
        assertThat(location.list(SnapshotIndex.prefix(DEPLOYMENT))).as("only kept's index and pieces")
                .allMatch(k -> k.contains("-kept."));

        location.delete(kept.pieces().get(1).objectKey());
        PruneReport refused = second.prune(DEPLOYMENT, false);
        assertThat(refused.locations().get(0).problems()).singleElement().asString().contains("lacks piece 1");
        assertThat(refused.locations().get(0).chunksDeleted()).isEmpty();
    }

    @Test
    void repairRestoresAMissingPieceAndAChunkOnlyAPieceNames() {
        List<Location> locations = new ArrayList<>();
        for (String name : List.of("rp-1", "rp-2", "rp-3")) {
            locations.add(StorageHarness.directory(name, work.resolve(name)).open());
        }
        ObjectPlacement placement = new ObjectPlacement(events, new DeploymentLocks(), new ChunkActivity(),
                Clock.systemUTC());
        Snapshot snapshot = Snapshot.pieced(DEPLOYMENT, "s1", 9, 3);
        for (Location location : locations) {
            snapshot.all().forEach(o -> assertThat(placement.place(location, o).stored()).isTrue());
        }
        String piece = snapshot.pieces().get(1).objectKey();
        String chunk = snapshot.chunks().get(4).objectKey(); // named by piece 1 only
        locations.get(0).delete(piece);
        locations.get(1).delete(chunk);

        RepairReport report = new SnapshotRepair(locations, events, Clock.systemUTC()).repair(DEPLOYMENT, "s1");

        assertThat(report.findings()).extracting(f -> f.location() + " " + f.key() + " " + f.problem())
                .containsExactlyInAnyOrder("rp-1 " + piece + " MISSING", "rp-2 " + chunk + " MISSING");
        assertThat(report.healthy()).isTrue();
        assertThat(locations.get(0).exists(piece)).isTrue();
        assertThat(locations.get(1).exists(chunk)).isTrue();
    }

    private static void sleepASecond() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
