package org.chtbackup.verify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.chtbackup.verify.testing.StoredSnapshots;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore tool against a real filesystem location holding two snapshots of the fixture host. */
class RestoreToolRestoresFromOneLocationTest {

    @TempDir
    static Path work;
    static Path store;
    static List<String> source;

    @BeforeAll
    static void storeSnapshots() throws IOException {
        store = work.resolve("nas");
        Location location = new LocationSpec("nas", LocationSpec.Kind.FILESYSTEM, null, null, null, null, null, store,
                "disk", false).open();
        StoredSnapshots.store(location, "older", Instant.parse("2026-03-01T02:00:00Z"), null, null);
        StoredSnapshots.store(location, "newer", Instant.parse("2026-03-02T02:00:00Z"), null, null);
        KeyRing.save(work.resolve("ops.asc"), StoredSnapshots.ops());
        KeyRing.save(work.resolve("signer.pub.asc"), KeyRing.publicRing(StoredSnapshots.signer()));
        source = List.of("--path", store.toString(), "--key", work.resolve("ops.asc").toString(), "--signer",
                work.resolve("signer.pub.asc").toString(), "-d", StoredSnapshots.DEPLOYMENT);
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String command, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(source);
        args.addAll(List.of(more));
        int code = RestoreTool.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listsSnapshotsOldestFirst() {
        Run run = run("list");
        assertThat(run.code()).isZero();
        assertThat(run.out()).containsSubsequence("2026-03-01T02:00:00Z  older", "2026-03-02T02:00:00Z  newer");
    }

    @Test
    void restoresTheLatestSnapshotLikeAChtHostWithProgressAndRunbook() throws IOException {
        Path target = work.resolve("new-host");
        Run run = run("snapshot", "--target", target.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("snapshot newer").contains("100%");
        assertThat(run.out()).contains("Next steps on the new host").contains("couchdb@127.0.0.1").contains("3.4.3");
        Path cht = StoredSnapshots.chtHost().resolve("home/ubuntu/cht");
        assertSameFiles(cht.resolve("couchdb"), target.resolve("couchdb-data"));
        assertSameFiles(cht.resolve("upgrade-service"), target.resolve("upgrade-service"));
        assertSameFiles(StoredSnapshots.chtHost().resolve("nginx-private"), target.resolve("nginx-private"));
    }

    @Test
    void refusesANonEmptyTargetSoNothingIsOverwritten() throws IOException {
        Path target = Files.createDirectories(work.resolve("busy"));
        Files.writeString(target.resolve("keep.txt"), "precious");
        Run run = run("snapshot", "--target", target.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("is not empty");
        assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("precious");
    }

    @Test
    void restoresOneDatabaseOnly() throws IOException {
        Path target = work.resolve("medic-only");
        Run run = run("database", "--db", "medic-sentinel", "-s", "older", "--target", target.toString());
        assertThat(run.code()).as(run.err()).isZero();
        try (Stream<Path> files = Files.walk(target)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(n).startsWith("medic-sentinel."));
        }
    }

    @Test
    void exportsOneDocumentWithoutCouchDb() throws IOException {
        Path json = work.resolve("doc.json");
        Run run = run("export-doc", "--db", "medic", "--id", "_design/medic-client", "-o", json.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(json)).startsWith("{\"_id\":\"_design/medic-client\",\"_rev\":\"");
    }

    @Test
    void unknownSnapshotIsAUsageErrorNamingIt() {
        Run run = run("snapshot", "-s", "nope", "--target", work.resolve("x").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no snapshot nope of deployment clinic-7");
    }

    static void assertSameFiles(Path expected, Path actual) throws IOException {
        try (Stream<Path> files = Files.walk(expected)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path got = actual.resolve(expected.relativize(f).toString());
                assertThat(Files.mismatch(f, got)).as(got.toString()).isEqualTo(-1L);
            }
        }
    }
}
