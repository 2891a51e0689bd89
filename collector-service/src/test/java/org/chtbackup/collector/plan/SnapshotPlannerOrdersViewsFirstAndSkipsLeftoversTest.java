package org.chtbackup.collector.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.chtbackup.collector.discovery.ConfiguredPathsDiscovery;
import org.chtbackup.collector.discovery.HostLayout;
import org.chtbackup.contracts.manifest.FileKind;
import org.chtbackup.contracts.manifest.HostFacts;
import org.chtbackup.contracts.manifest.Root;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.chtbackup.contracts.testing.SharedFixtures;

class SnapshotPlannerOrdersViewsFirstAndSkipsLeftoversTest {

    @TempDir
    Path tmp;

    @Test
    void viewIndexesComeBeforeDatabasesAndDatabasesBeforeConfig() throws Exception {
        Path host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        HostLayout layout = new ConfiguredPathsDiscovery(host, Path.of("/home/ubuntu/cht/upgrade-service/.env"),
                Path.of("/nginx-private"), null, null).discover();

        List<PlannedFile> plan = new SnapshotPlanner().plan(layout);

        List<FileKind> kinds = plan.stream().map(PlannedFile::kind).toList();
        int lastView = kinds.lastIndexOf(FileKind.VIEW_INDEX);
        int firstDatabase = kinds.indexOf(FileKind.DATABASE);
        int lastDatabase = kinds.lastIndexOf(FileKind.DATABASE);
        assertThat(lastView).as("the fixture has view indexes").isGreaterThanOrEqualTo(0);
        assertThat(lastView).isLessThan(firstDatabase);
        assertThat(plan.subList(lastDatabase + 1, plan.size())).extracting(PlannedFile::kind)
                .doesNotContain(FileKind.VIEW_INDEX, FileKind.DATABASE);
        assertThat(plan).filteredOn(f -> f.kind() == FileKind.DATABASE).extracting(PlannedFile::path)
                .contains("_dbs.couch", "_nodes.couch")
                .anyMatch(p -> p.startsWith("shards/") && p.contains("/medic."));
        assertThat(plan).extracting(PlannedFile::kind).contains(FileKind.ENV, FileKind.COMPOSE, FileKind.TLS);
        assertThat(plan).filteredOn(f -> f.root() == Root.TLS).extracting(PlannedFile::path)
                .containsExactlyInAnyOrder("cert.pem", "key.pem");
    }

    @Test
    void compactionFilesAndDeletedDatabasesAreNotCopied() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("shards/00000000-7fffffff"));
        Files.createDirectories(data.resolve(".delete"));
        Files.createDirectories(data.resolve(".shards/00000000-7fffffff/medic.1_design/mrview"));
        Files.writeString(data.resolve("shards/00000000-7fffffff/medic.1.couch"), "db");
        Files.writeString(data.resolve("shards/00000000-7fffffff/medic.1.couch.compact.data"), "x");
        Files.writeString(data.resolve("shards/00000000-7fffffff/medic.1.couch.compact.meta"), "x");
        Files.writeString(data.resolve(".delete/20240101.medic-old.couch"), "x");
        Files.writeString(data.resolve(".shards/00000000-7fffffff/medic.1_design/mrview/abc.view"), "v");
        Files.writeString(data.resolve(".shards/00000000-7fffffff/medic.1_design/mrview/abc.compact.view"), "v");
        HostLayout layout = new HostLayout(Map.of(), Map.of("", data), facts(false), null, Set.of(), null);

        List<PlannedFile> plan = new SnapshotPlanner().plan(layout);

        assertThat(plan).extracting(PlannedFile::path).containsExactly(
                ".shards/00000000-7fffffff/medic.1_design/mrview/abc.view",
                "shards/00000000-7fffffff/medic.1.couch");
    }

    @Test
    void aClusteredHostIsPlannedPerNodeWithEveryNodesViewsFirst() throws Exception {
        Path db1 = node(tmp.resolve("db1"));
        Path db2 = node(tmp.resolve("db2"));
        Path db3 = node(tmp.resolve("db3"));
        HostLayout layout = new HostLayout(Map.of(), Map.of("db1", db1, "db2", db2, "db3", db3), facts(true), null,
                Set.of(), null);

        List<PlannedFile> plan = new SnapshotPlanner().plan(layout);

        assertThat(plan).extracting(PlannedFile::path).containsExactly(
                "db1/.shards/00000000-7fffffff/medic.1_design/mrview/abc.view",
                "db2/.shards/00000000-7fffffff/medic.1_design/mrview/abc.view",
                "db3/.shards/00000000-7fffffff/medic.1_design/mrview/abc.view",
                "db1/_dbs.couch", "db1/shards/00000000-7fffffff/medic.1.couch",
                "db2/_dbs.couch", "db2/shards/00000000-7fffffff/medic.1.couch",
                "db3/_dbs.couch", "db3/shards/00000000-7fffffff/medic.1.couch");
        assertThat(plan).allMatch(f -> f.root() == Root.COUCHDB_DATA);
    }

    private static Path node(Path data) throws Exception {
        Files.createDirectories(data.resolve("shards/00000000-7fffffff"));
        Files.createDirectories(data.resolve(".shards/00000000-7fffffff/medic.1_design/mrview"));
        Files.writeString(data.resolve("_dbs.couch"), "dbs");
        Files.writeString(data.resolve("shards/00000000-7fffffff/medic.1.couch"), "db");
        Files.writeString(data.resolve(".shards/00000000-7fffffff/medic.1_design/mrview/abc.view"), "v");
        return data;
    }

    private static HostFacts facts(boolean clustered) {
        return new HostFacts(null, null, null, "cht", clustered, "configured-paths");
    }
}
