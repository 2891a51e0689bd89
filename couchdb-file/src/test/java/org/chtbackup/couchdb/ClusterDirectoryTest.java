package org.chtbackup.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three-node fixture checked as a cluster: complete, a range gone, a node gone, a node without its map. */
class ClusterDirectoryTest {

    private static final String LOGS_RANGE_ON_3 = "aaaaaaaa-ffffffff";

    @Test
    void aCompleteClusterHasNoProblemsAndCountsOneCopyPerRange() throws IOException {
        ClusterDirectory.Report report = ClusterDirectory.inspect(Fixtures.cluster(), WalkDepth.BODIES);

        assertThat(report.problems()).isEmpty();
        assertThat(report.databases()).allSatisfy(db -> assertThat(db.problems()).as(db.name()).isEmpty());
        assertThat(report.nodes()).extracting(ClusterDirectory.NodeDirectory::folder, ClusterDirectory.NodeDirectory::node)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("db1", ClusterFixture.NODES.get(0)),
                        org.assertj.core.groups.Tuple.tuple("db2", ClusterFixture.NODES.get(1)),
                        org.assertj.core.groups.Tuple.tuple("db3", ClusterFixture.NODES.get(2)));
        assertThat(count(report, "medic")).isEqualTo(7);
        assertThat(report.databases().stream().filter(d -> d.name().equals("medic")).findFirst().orElseThrow().shards())
                .as("two ranges on three nodes").isEqualTo(6);
        assertThat(count(report, "_users")).isEqualTo(2);
        assertThat(count(report, "medic-logs")).as("n=1: one copy of each range, one per node").isEqualTo(6);
        assertThat(report.shardMap().databases()).containsKeys("medic", "_users", "medic-logs");
    }

    @Test
    void aShardGoneFromOneNodeFailsItsDatabaseNamingRangeAndNode(@TempDir Path tmp) throws IOException {
        Path root = Fixtures.clusterCopy(tmp.resolve("couchdb-data"));
        try (Stream<Path> logs = Files.walk(root.resolve("db3/shards/" + LOGS_RANGE_ON_3))) {
            for (Path p : logs.filter(p -> p.getFileName().toString().startsWith("medic-logs.")).toList()) {
                Files.delete(p);
            }
        }

        ClusterDirectory.Report report = ClusterDirectory.inspect(root, WalkDepth.BODIES);

        assertThat(problems(report, "medic-logs"))
                .anySatisfy(p -> assertThat(p).contains("range " + LOGS_RANGE_ON_3).contains(ClusterFixture.NODES.get(2)))
                .anySatisfy(p -> assertThat(p).contains(LOGS_RANGE_ON_3 + " has no copy in the snapshot"));
        assertThat(count(report, "medic-logs")).isEqualTo(6 - docsIn("medic-logs", LOGS_RANGE_ON_3));
        assertThat(problems(report, "medic")).isEmpty();
        assertThat(problems(report, "_users")).isEmpty();
    }

    @Test
    void aNodeMissingFromTheSnapshotIsNamedAndReplicatedRangesStillCount(@TempDir Path tmp) throws IOException {
        Path root = Fixtures.clusterCopy(tmp.resolve("couchdb-data"));
        deleteTree(root.resolve("db2"));

        ClusterDirectory.Report report = ClusterDirectory.inspect(root, WalkDepth.BODIES);

        assertThat(count(report, "medic")).as("n=3: the other two nodes hold every range").isEqualTo(7);
        assertThat(problems(report, "medic")).allSatisfy(p -> assertThat(p).contains(ClusterFixture.NODES.get(1))
                .contains("no data directory of that node"));
        assertThat(problems(report, "medic-logs")).anySatisfy(p -> assertThat(p).contains("55555555-aaaaaaa9 has no copy"));
    }

    @Test
    void aNodeWithoutItsShardMapIsCheckedAgainstAnotherNodesMap(@TempDir Path tmp) throws IOException {
        Path root = Fixtures.clusterCopy(tmp.resolve("couchdb-data"));
        Files.delete(root.resolve("db3/_dbs.couch"));
        Files.delete(root.resolve("db3/shards/00000000-7fffffff/medic.1764547200.couch"));

        ClusterDirectory.Report report = ClusterDirectory.inspect(root, WalkDepth.BODIES);

        assertThat(report.problems()).anySatisfy(p -> assertThat(p.message()).contains(ClusterFixture.NODES.get(2))
                .contains("no readable _dbs.couch"));
        assertThat(problems(report, "medic")).anySatisfy(p -> assertThat(p)
                .contains("shard missing: the shard map places range 00000000-7fffffff on " + ClusterFixture.NODES.get(2)));
        assertThat(count(report, "medic")).isEqualTo(7);
    }

    @Test
    void onlyAFolderOfNodeFoldersIsACluster() throws IOException {
        assertThat(ClusterDirectory.isCluster(Fixtures.cluster())).isTrue();
        assertThat(ClusterDirectory.isCluster(Fixtures.cluster().resolve("db1"))).isFalse();
        assertThat(ClusterDirectory.isCluster(Fixtures.chtDataDir())).isFalse();
    }

    private static long count(ClusterDirectory.Report report, String db) {
        return report.databases().stream().filter(d -> d.name().equals(db)).findFirst().orElseThrow().docCount();
    }

    private static List<String> problems(ClusterDirectory.Report report, String db) {
        return report.databases().stream().filter(d -> d.name().equals(db)).findFirst().orElseThrow().problems()
                .stream().map(Problem::toString).toList();
    }

    private static long docsIn(String db, String range) {
        ClusterFixture.Db entry = ClusterFixture.DATABASES.stream().filter(d -> d.name().equals(db)).findFirst().orElseThrow();
        return entry.ids().stream().filter(id -> ClusterFixture.range(id, entry.ranges()).equals(range)).count();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
