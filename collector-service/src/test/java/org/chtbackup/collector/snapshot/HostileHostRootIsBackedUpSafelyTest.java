package org.chtbackup.collector.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.chtbackup.contracts.testing.Requirements;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host root full of what is not a regular file: the data directory itself a host-absolute symbolic link to
 * another disk, and inside the roots links out of the host (to the collector's /etc/passwd), a link loop, a linked
 * folder, a FIFO, a device and a name that is not UTF-8. The snapshot completes with exactly the host's regular
 * files (the data directory read through its link, under the host root), names every entry it skipped with the
 * reason, and never blocks on the FIFO.
 */
class HostileHostRootIsBackedUpSafelyTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void onlyRegularFilesAreBackedUpAndEveryOtherEntryIsNamedWithItsReason() throws Exception {
        Requirements.require("root".equals(System.getProperty("user.name")),
                "a device node is made with mknod, which needs root (CI runs as root)");
        Path host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        long regularFiles = regularFiles(host.resolve("home/ubuntu/cht"), host.resolve("nginx-private"));
        // The data directory moved to another disk and linked, as ops do when the first disk fills up.
        Path disk = Files.createDirectories(host.resolve("mnt/data"));
        Files.move(host.resolve("home/ubuntu/cht/couchdb"), disk.resolve("couchdb"));
        Files.createSymbolicLink(host.resolve("home/ubuntu/cht/couchdb"), Path.of("/mnt/data/couchdb"));
        Path data = disk.resolve("couchdb");
        Path shard;
        try (Stream<Path> dirs = Files.list(data.resolve("shards"))) {
            shard = dirs.sorted().findFirst().orElseThrow();
        }
        Files.createSymbolicLink(shard.resolve("passwd.couch"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(shard.resolve("loop.couch"), Path.of("loop.couch"));
        Files.createSymbolicLink(data.resolve("shards-elsewhere"), Path.of("shards"));
        run("mkfifo", shard.resolve("fifo.couch").toString());
        run("mknod", data.resolve("zero.couch").toString(), "c", "1", "5");
        Path compose = host.resolve("home/ubuntu/cht/compose");
        run("sh", "-c", "printf x > \"$1/$(printf 'caf\\351.yml')\"", "sh", compose.toString());

        RecordingSink sink = new RecordingSink();
        TestCollector collector = new TestCollector(host, tmp.resolve("state"), sink, null);
        SnapshotProgress progress = new SnapshotProgress();
        SnapshotResult result = collector.snapshot("s-hostile", progress);

        assertThat(result.failure()).isNull();
        assertThat(result.files()).as("the host's regular files, the data directory read through its link")
                .isEqualTo(regularFiles);
        String shardPath = "couchdb-data/shards/" + shard.getFileName() + "/";
        Map<String, String> skipped = progress.skipped();
        assertThat(skipped).containsEntry(shardPath + "passwd.couch", "a symbolic link, not followed")
                .containsEntry(shardPath + "loop.couch", "a symbolic link, not followed")
                .containsEntry("couchdb-data/shards-elsewhere", "a symbolic link, not followed")
                .containsEntry(shardPath + "fifo.couch", "not a regular file (a FIFO, socket or device), not read")
                .containsEntry("couchdb-data/zero.couch", "not a regular file (a FIFO, socket or device), not read");
        assertThat(skipped.keySet()).as("the name that is not UTF-8").anyMatch(k -> k.startsWith("compose/caf"));
        assertThat(progress.filesSkipped()).isEqualTo(6);
        assertThat(String.join("\n", sink.parts.stream().map(p -> new String(p.plaintext(),
                java.nio.charset.StandardCharsets.ISO_8859_1)).toList())).as("nothing of the collector's /etc/passwd")
                .doesNotContain("root:x:0:0");
    }

    private static long regularFiles(Path... roots) throws Exception {
        long n = 0;
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                n += files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().contains(".compact."))
                        .count();
            }
        }
        return n;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(List.of(command)).inheritIO().start();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }
}
