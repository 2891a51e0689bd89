package org.chtbackup.verify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.location.LocationSpec;
import org.chtbackup.verify.VerifyApplication;
import org.chtbackup.verify.testing.StoredSnapshots;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clustered host restored with the restore tool: its runbook names each node folder, variable and node name. */
class RestoreToolPrintsTheClusteredRunbookTest {

    @TempDir
    static Path work;
    static List<String> source;

    @BeforeAll
    static void storeClusteredSnapshot() throws Exception {
        Path store = work.resolve("nas");
        StoredSnapshots.storeClustered(new LocationSpec("nas", LocationSpec.Kind.FILESYSTEM, null, null, null, null,
                        null, store, "disk", false).open(), "clustered", Instant.parse("2026-03-01T02:00:00Z"),
                null, null);
        KeyRing.save(work.resolve("ops.asc"), StoredSnapshots.ops());
        KeyRing.save(work.resolve("signer.pub.asc"), KeyRing.publicRing(StoredSnapshots.signer()));
        source = List.of("--path", store.toString(), "--key", work.resolve("ops.asc").toString(), "--signer",
                work.resolve("signer.pub.asc").toString(), "-d", StoredSnapshots.DEPLOYMENT);
    }

    @Test
    void runbookPlacesEachNodeFolderUnderItsVariableAndNodeName() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RestoreTool.run(new PrintWriter(out, true), new PrintWriter(err, true),
                args("snapshot", "--target", work.resolve("in-process").toString()));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("a clustered CouchDB of 3 nodes")
                .containsSubsequence("couchdb-data/db1  -> the DB1_DATA directory", "node couchdb@couchdb-1.local",
                        "couchdb-data/db2  -> the DB2_DATA directory", "node couchdb@couchdb-2.local",
                        "couchdb-data/db3  -> the DB3_DATA directory", "node couchdb@couchdb-3.local")
                .contains("Start order: start all 3 CouchDB nodes together")
                .contains("GET /_membership")
                .doesNotContain("under the node name couchdb@127.0.0.1");
        assertThat(work.resolve("in-process/couchdb-data/db2/shards/55555555-aaaaaaa9")).isDirectory();
    }

    @Test
    void oneDatabaseComesBackFromEveryNodeFolder() throws Exception {
        Path target = work.resolve("one-db");
        StringWriter err = new StringWriter();
        int code = RestoreTool.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                args("database", "--db", "medic-logs", "--target", target.toString()));

        assertThat(code).as(err.toString()).isZero();
        try (var files = Files.walk(target.resolve("couchdb-data"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> target.resolve("couchdb-data").relativize(p)
                    .toString()).sorted().toList()).containsExactly(
                    "db1/shards/00000000-55555554/medic-logs.1764547202.couch",
                    "db2/shards/55555555-aaaaaaa9/medic-logs.1764547202.couch",
                    "db3/shards/aaaaaaaa-ffffffff/medic-logs.1764547202.couch");
        }
    }

    /** The tool as operators run it, its output redirected to a file: the runbook must be in the file at exit. */
    @Test
    void runbookReachesAFileWhenStdoutIsRedirected() throws Exception {
        Path printed = work.resolve("runbook.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), VerifyApplication.class.getName(), "restore"));
        command.addAll(List.of(args("snapshot", "--target", work.resolve("redirected").toString())));
        Process tool = new ProcessBuilder(command).redirectOutput(printed.toFile())
                .redirectError(work.resolve("stderr.txt").toFile()).redirectInput(new File("/dev/null")).start();

        assertThat(tool.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(tool.exitValue()).as(Files.readString(work.resolve("stderr.txt"))).isZero();
        assertThat(Files.readString(printed)).contains("Next steps on the new hosts")
                .contains("the DB3_DATA directory").contains("Start order");
    }

    private static String[] args(String command, String... more) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(source);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
