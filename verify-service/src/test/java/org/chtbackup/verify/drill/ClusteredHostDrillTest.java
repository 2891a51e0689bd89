package org.chtbackup.verify.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.manifest.LiveStatistics;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.chtbackup.verify.restore.SnapshotRestorer;
import org.chtbackup.verify.scratch.FirstAvailableScratchCouchDb;
import org.chtbackup.verify.scratch.ProcessScratchCouchDb;
import org.chtbackup.verify.testing.StoredSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drills of a clustered host (fixtures/couchdb-cluster: three nodes' folders, q=2 n=3, q=1 n=3 and q=3 n=1
 * databases) from a real filesystem location: the offline check reads the cluster as a cluster, live statistics
 * are compared per database, and a lost range fails naming the range and the node. No CouchDB boots here.
 */
class ClusteredHostDrillTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T02:00:00Z");
    @TempDir
    Path work;

    private Location location() {
        return new LocationSpec("nas", LocationSpec.Kind.FILESYSTEM, null, null, null, null, null, work.resolve("nas"),
                "disk", false).open();
    }

    private DrillCompleted drill(Location location, String key, String snapshotId) {
        DrillRunner runner = new DrillRunner(Map.of(location.name(), location),
                new SnapshotRestorer(StoredSnapshots.decryptor()),
                new DrillChecks(new FirstAvailableScratchCouchDb(List.of(
                        new ProcessScratchCouchDb(null, work.resolve("couchdb-config"), Duration.ofSeconds(5)))), 3),
                work.resolve("scratch"), false, new ReportPrivacy(new byte[32]), d -> { }, Clock.systemUTC());
        return runner.drill(StoredSnapshots.DEPLOYMENT, snapshotId, location.name(), key);
    }

    @Test
    void aCompleteClusterHasNoFailureAndEveryDatabaseIsComparedWithTheLiveCluster() {
        Location location = location();
        LiveStatistics live = StoredSnapshots.clusterLiveStatistics(CREATED, 7);
        String key = StoredSnapshots.storeClustered(location, "snap-cluster", CREATED, live, live);

        DrillCompleted drill = drill(location, key, "snap-cluster");

        assertThat(drill.failures()).isEmpty();
        assertThat(drill.restore()).isEqualTo(DrillCompleted.Result.PASS);
        assertThat(drill.skipped()).noneSatisfy(s -> assertThat(s).contains("not comparable"))
                .anySatisfy(s -> assertThat(s).contains("scratch boot skipped"));
        DrillCompleted.DatabaseComparison medic = row(drill, "medic");
        assertThat(medic.restored().docCount()).as("one copy per range, not three").isEqualTo(7);
        assertThat(medic.liveBefore().docCount()).isEqualTo(7);
        assertThat(row(drill, "medic-logs").restored().docCount()).as("n=1: one range on each node").isEqualTo(6);
        assertThat(drill.databases()).extracting(DrillCompleted.DatabaseComparison::name)
                .noneSatisfy(n -> assertThat(n).contains("shards/").startsWith("db"));
    }

    @Test
    void aClusterMissingAnN1ShardOnOneNodeFailsThatDatabaseNamingRangeAndNode() throws IOException {
        Path nodes = SharedFixtures.clusterCopy(work.resolve("cluster"));
        try (Stream<Path> files = Files.walk(nodes.resolve("db3/shards/aaaaaaaa-ffffffff"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.delete(p);
            }
        }
        Location location = location();
        LiveStatistics live = StoredSnapshots.clusterLiveStatistics(CREATED, 7);
        String key = StoredSnapshots.storeClustered(location, "snap-lost", CREATED, live, live, nodes);

        DrillCompleted drill = drill(location, key, "snap-lost");

        assertThat(drill.result()).isEqualTo(DrillCompleted.Result.FAIL);
        assertThat(drill.failures()).anySatisfy(f -> assertThat(f).contains("medic-logs")
                .contains("aaaaaaaa-ffffffff").contains("couchdb@couchdb-3.local"));
        assertThat(row(drill, "medic-logs").verdict()).isEqualTo(DrillCompleted.Result.FAIL);
        assertThat(row(drill, "medic").verdict()).isNotEqualTo(DrillCompleted.Result.FAIL);
    }

    @Test
    void aClusteredDatabaseShortOfTheLiveCountFails() {
        Location location = location();
        LiveStatistics live = StoredSnapshots.clusterLiveStatistics(CREATED, 9);
        String key = StoredSnapshots.storeClustered(location, "snap-short", CREATED, live, live);

        DrillCompleted drill = drill(location, key, "snap-short");

        assertThat(drill.failures()).singleElement().asString()
                .startsWith("database medic: restored doc_count 7 differs from the live statistics");
    }

    private static DrillCompleted.DatabaseComparison row(DrillCompleted drill, String name) {
        return drill.databases().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }
}
