package org.chtbackup.storage.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
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
import org.chtbackup.location.testing.S3ProxyTestServer;
import org.chtbackup.storage.repair.RepairReport.Problem;
import org.chtbackup.storage.writing.ChunkActivity;
import org.chtbackup.storage.writing.DeploymentLocks;
import org.chtbackup.storage.writing.ObjectPlacement;
import org.chtbackup.storage.writing.SnapshotEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chunk deleted in one location and a chunk corrupted in another are found and rewritten from good copies. */
class SnapshotRepairFindsMissingAndCorruptObjectsTest {

    private static final String DEPLOYMENT = "repair-clinic";

    @TempDir
    Path work;

    @Test
    void aDeletedAndACorruptedObjectAreFoundAndRepaired() throws Exception {
        try (S3ProxyTestServer a = S3ProxyTestServer.start(work.resolve("a"));
                S3ProxyTestServer b = S3ProxyTestServer.start(work.resolve("b"))) {
            List<Location> locations = List.of(a.location("rp-a", "rp-a", false).open(),
                    b.location("rp-b", "rp-b", true).open(),
                    new LocationSpec("rp-nas", LocationSpec.Kind.FILESYSTEM, null, null, null, null, null,
                            work.resolve("nas"), "disk", false).open());
            List<SnapshotStored> stored = new ArrayList<>();
            SnapshotEvents events = new SnapshotEvents() {
                public void stored(SnapshotStored e) {
                    stored.add(e);
                }

                public void status(SnapshotLocationStatus e) {
                }
            };
            ObjectPlacement placement = new ObjectPlacement(events, new DeploymentLocks(), new ChunkActivity(),
                    Clock.systemUTC());
            List<ObjectEncrypted> chunks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                byte[] id = new byte[32];
                id[0] = (byte) i;
                chunks.add(new ObjectEncrypted(ObjectEncrypted.VERSION, DEPLOYMENT, "s1", PartKind.PACK,
                        ObjectLayout.packKey(DEPLOYMENT, HexFormat.of().formatHex(id)), List.of(),
                        0, ("chunk body " + i).repeat(100).getBytes(StandardCharsets.UTF_8)));
            }
            ObjectEncrypted manifest = new ObjectEncrypted(ObjectEncrypted.VERSION, DEPLOYMENT, "s1", PartKind.MANIFEST,
                    ObjectLayout.manifestKey(DEPLOYMENT, ObjectLayout.manifestId(Instant.now(), "s1")),
                    chunks.stream().map(ObjectEncrypted::objectKey).toList(), 0, "m".getBytes(StandardCharsets.UTF_8));
            for (Location location : locations) {
                chunks.forEach(c -> placement.place(location, c));
                assertThat(placement.place(location, manifest).stored()).isTrue();
            }

            String deleted = chunks.get(1).objectKey();
            String corrupted = chunks.get(3).objectKey();
            locations.get(2).delete(deleted);
            locations.get(1).delete(corrupted);
            locations.get(1).put(corrupted, "flipped bits".getBytes(StandardCharsets.UTF_8));
            locations.get(0).delete(manifest.objectKey());

            SnapshotRepair repair = new SnapshotRepair(locations, events, Clock.systemUTC());
            RepairReport report = repair.repair(DEPLOYMENT, "s1");

            assertThat(report.findings()).extracting(f -> f.location() + " " + f.key() + " " + f.problem())
                    .containsExactlyInAnyOrder("rp-nas " + deleted + " MISSING", "rp-b " + corrupted + " CORRUPT",
                            "rp-a " + manifest.objectKey() + " MISSING");
            assertThat(report.healthy()).isTrue();
            for (Location location : locations) {
                for (ObjectEncrypted o : chunks) {
                    try (InputStream in = location.get(o.objectKey())) {
                        assertThat(in.readAllBytes()).as("%s in %s", o.objectKey(), location.name()).isEqualTo(o.object());
                    }
                }
            }
            assertThat(stored).filteredOn(e -> e.location().equals("rp-a")).hasSize(2);
            assertThat(repair.repair(DEPLOYMENT, "s1").findings()).as("a second repair finds nothing").isEmpty();
            assertThat(repair.repair(DEPLOYMENT, "nope").findings()).extracting(RepairReport.Finding::problem)
                    .containsExactly(Problem.NO_GOOD_COPY);
        }
    }
}
