package org.chtbackup.couchdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.chtbackup.couchdb.CouchFile;
import org.chtbackup.couchdb.Fixtures;
import org.chtbackup.couchdb.HeaderFiles;
import org.chtbackup.couchdb.TornShard;
import org.chtbackup.couchdb.block.BlockFile;
import org.chtbackup.couchdb.btree.BtreeReader;
import org.chtbackup.couchdb.btree.Node;
import org.chtbackup.couchdb.doc.FullDocInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line as an operator meets it: exit 0 clean, 1 damage or not CouchDB data, 2 usage,
 * 3 not found; every failure one line on stderr naming the file, never a stack trace.
 */
class CouchFileCliTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        return run(CouchFileCli.commandLine(), args);
    }

    private static Run run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        Run r = new Run(cli.execute(args), out.toString(), err.toString());
        assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        return r;
    }

    private static Run ok(String... args) {
        Run r = run(args);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).isEmpty();
        return r;
    }

    /** Exactly one line on stderr, nothing on stdout; returns that line. */
    private static String failure(int code, Run r) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(code);
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.out()).isEmpty();
        return r.err().strip();
    }

    @Test
    void cleanDataDirectoryExitsZeroAndSaysEveryFileEndsAtItsHeader() {
        String out = ok("inspect", Fixtures.chtDataDir().toString()).out();
        assertThat(out).containsPattern("medic\\s+594\\s+20\\s+646\\s+12\\s+ok\\n")
                .contains("12 view index file(s), shard map lists 9 database(s)")
                .contains("every readable file ends at its last valid header")
                .doesNotContain("WARNING").doesNotContain("PROBLEM");
    }

    @Test
    void aClusteredHostsNodeFoldersAreInspectedAsTheCluster() throws IOException {
        String out = ok("inspect", Fixtures.cluster().toString()).out();
        assertThat(out).contains("cluster of 3 node folder(s): db1 = couchdb@couchdb-1.local, db2 = couchdb@couchdb-2.local")
                .containsPattern("medic\\s+7\\s+0\\s+7\\s+6\\s+ok\\n")
                .containsPattern("medic-logs\\s+6\\s+0\\s+6\\s+3\\s+ok\\n")
                .contains("counts are one copy per range").doesNotContain("PROBLEM");

        Path copy = Fixtures.clusterCopy(tmp.resolve("cluster"));
        Files.delete(copy.resolve("db2/shards/55555555-aaaaaaa9/medic-logs.1764547202.couch"));
        Run damaged = run("inspect", copy.toString());
        assertThat(damaged.code()).isEqualTo(CouchFileCli.DAMAGE);
        assertThat(damaged.out()).contains("PROBLEM medic-logs: ")
                .contains("range 55555555-aaaaaaa9 on couchdb@couchdb-2.local");
    }

    @Test
    void cleanFileExitsZero() {
        String out = ok("inspect", Fixtures.couchdb("db_v6_without_purge_req.couch").toString()).out();
        assertThat(out).contains("disk version 6").contains("doc_count 3").contains("4 local").doesNotContain("WARNING");
    }

    @Test
    void viewNotBuiltYetAndCouchDb1xViewExitZero() throws IOException {
        ok("inspect", Fixtures.couchdb("15a5cb17365a99cd9ddc7327c82bbd0d.view").toString());
        Path empty = HeaderFiles.write(tmp.resolve("a/0123456789abcdef0123456789abcdef.view"), HeaderFiles.notBuiltYet());
        assertThat(ok("inspect", empty.toString()).out()).contains("no view built yet");
        Path legacy = HeaderFiles.write(tmp.resolve("b/0123456789abcdef0123456789abcdef.view"), HeaderFiles.indexHeader1x(4));
        assertThat(ok("inspect", legacy.toString()).out()).contains("header layout 1.x index_header").contains("update_seq 4");
    }

    @Test
    void emptyFileFailsInOneLine() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.couch"));
        assertThat(failure(1, run("inspect", empty.toString()))).startsWith(empty + " @0: empty file");
    }

    @Test
    void randomFileFailsInOneLine() throws IOException {
        byte[] bytes = new byte[3 * 4096 + 17];
        new Random(7).nextBytes(bytes);
        Path random = Files.write(tmp.resolve("random.couch"), bytes);
        assertThat(failure(1, run("inspect", random.toString()))).startsWith(random + " @0: no valid header");
        Path view = Files.write(tmp.resolve("random.view"), bytes);
        assertThat(failure(1, run("inspect", view.toString()))).startsWith(view + " @0: no valid header");
    }

    @Test
    void missingFileIsNotFound() {
        Path missing = tmp.resolve("nothing-here.couch");
        assertThat(failure(3, run("inspect", missing.toString()))).startsWith(missing + ": not found");
    }

    @Test
    void directoryThatIsNotCouchDbDataFailsInOneLine() throws IOException {
        assertThat(failure(1, run("inspect", tmp.toString()))).isEqualTo(tmp + ": not a CouchDB data directory:"
                + " no database file (*.couch) under it — pass the directory CouchDB's [couchdb] database_dir points to");
        byte[] bytes = new byte[4096];
        new Random(3).nextBytes(bytes);
        Files.write(tmp.resolve("notes.txt"), bytes);
        Files.write(tmp.resolve("data.bin"), bytes);
        assertThat(failure(1, run("inspect", tmp.toString()))).contains("not a CouchDB data directory");
        assertThat(failure(1, run("export-doc", tmp.toString(), "medic", "x"))).contains("not a CouchDB data directory");
    }

    @Test
    void tornShardInADirectoryIsReportedAsAWarningNotPlainOk() throws IOException {
        TornShard.make(tmp);
        Path shard = tmp.resolve(TornShard.PATH);
        long header;
        long after;
        try (CouchFile db = CouchFile.open(shard)) {
            header = db.lastCommit().headerOffset();
            after = db.lastCommit().bytesAfter();
        }

        String out = ok("inspect", tmp.toString()).out();

        assertThat(out).containsPattern("medic\\s+\\d+\\s+\\d+\\s+\\d+\\s+1\\s+ok, 1 warning\\(s\\)\\n")
                .doesNotContainPattern("medic\\s+\\d+\\s+\\d+\\s+\\d+\\s+1\\s+ok\\n")
                .contains("1 of 1 file(s) do not end at their last valid header")
                .contains("WARNING medic: " + shard + " @" + header + ": last valid header at " + header
                        + "; 1 newer header(s) skipped, " + after + " byte(s) after it ignored");
        assertThat(ok("inspect", "--files", tmp.toString()).out()).contains("FILE " + TornShard.PATH + ": disk version 8")
                .contains("header at " + header + ", 1 header(s) skipped, " + after + " byte(s) after it");
        assertThat(ok("inspect", shard.toString()).out()).contains("WARNING " + shard + " @" + header);
    }

    @Test
    void exportDocWritesAttachmentsBeside() throws Exception {
        String json = ok("export-doc", Fixtures.chtDataDir().toString(), "medic", "form:pnc",
                "--attachments-dir", tmp.toString()).out();
        assertThat(json).startsWith("{\"_id\":\"form:pnc\",\"_rev\":\"1-").contains("\"encoding\":\"gzip\"");
        assertThat(Files.size(tmp.resolve("xml.gz"))).isEqualTo(813);
        String inline = ok("export-doc", Fixtures.chtDataDir().toString(), "medic", "form:pnc").out();
        assertThat(inline).contains("\"data\":\"");
    }

    @Test
    void missingDocumentDatabaseAndDirectoryAreNotFoundAndSaySo() {
        String data = Fixtures.chtDataDir().toString();
        assertThat(failure(3, run("export-doc", data, "medic", "no-such-doc")))
                .startsWith("document 'no-such-doc' of database 'medic' not found (12 shard file(s) searched");
        assertThat(failure(3, run("export-doc", data, "no-such-db", "form:pnc")))
                .startsWith("database 'no-such-db' not found in " + data);
        Path missing = tmp.resolve("no-data-here");
        assertThat(failure(3, run("export-doc", missing.toString(), "medic", "form:pnc")))
                .startsWith(missing + ": data directory not found");
    }

    @Test
    void damagedDocumentFailsInOneLineNamingFileAndOffset() throws IOException {
        Path db = Files.copy(Fixtures.couchdb("db321.couch"), tmp.resolve("db321.couch"));
        db.toFile().setWritable(true);
        FullDocInfo doc = lastDoc(db);
        long at = doc.winner().pointer() + 4 + 16 + 3;
        flip(db, at % BlockFile.BLOCK_SIZE == 0 ? at + 1 : at);

        String line = failure(1, run("export-doc", tmp.toString(), "db321", doc.id()));

        assertThat(line).isEqualTo("document '" + doc.id() + "' of database 'db321' is damaged: " + db + " @"
                + doc.winner().pointer() + ": checksum mismatch: neither MD5 nor XXH3-128 of the "
                + line.replaceAll(".*of the (\\d+)-byte chunk.*", "$1") + "-byte chunk matches the stored one");
        // Embedded as the restore tool runs it, without this CLI's handlers: still one line.
        assertThat(failure(1, run(new CommandLine(new CouchFileCli()), "export-doc", tmp.toString(), "db321", doc.id())))
                .isEqualTo(line);
    }

    @Test
    void usageErrorsExitTwoInOneLine() {
        assertThat(failure(2, run("inspect"))).contains("Missing required parameter");
        assertThat(failure(2, run("inspect", "--bogus", tmp.toString()))).contains("--bogus");
        assertThat(failure(2, run("export-doc", tmp.toString()))).contains("Missing required parameters");
        assertThat(failure(2, run("no-such-command"))).contains("no-such-command");
        assertThat(failure(2, run("inspect", "--headers-only", "--trees-only", tmp.toString()))).contains("exclude");
    }

    private static FullDocInfo lastDoc(Path file) throws IOException {
        try (CouchFile db = CouchFile.open(file); BlockFile f = BlockFile.open(file)) {
            Node root = new BtreeReader(f).readNode(db.header().idTree().pointer());
            Node.Entry e = root.entries().get(root.entries().size() - 1);
            return FullDocInfo.fromIdTree(e.key(), e.value());
        }
    }

    private static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x5a);
        }
    }
}
