package org.chtbackup.couchdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chtbackup.couchdb.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CouchFileCliTest {

    @TempDir
    Path tmp;

    private String run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new CouchFileCli());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).as(out.toString()).isEqualTo(expectedExit);
        return out.toString();
    }

    @Test
    void inspectDataDirectoryListsDatabases() {
        String out = run(0, "inspect", Fixtures.chtDataDir().toString());
        assertThat(out).containsPattern("medic\\s+594\\s+20\\s+646\\s+12\\s+ok");
    }

    @Test
    void inspectFileShowsVersionAndWalk() {
        String out = run(0, "inspect", Fixtures.couchdb("db_v6_without_purge_req.couch").toString());
        assertThat(out).contains("disk version 6").contains("doc_count 3").contains("4 local");
    }

    @Test
    void exportDocWritesAttachmentsBeside() throws Exception {
        String json = run(0, "export-doc", Fixtures.chtDataDir().toString(), "medic", "form:pnc",
                "--attachments-dir", tmp.toString());
        assertThat(json).startsWith("{\"_id\":\"form:pnc\",\"_rev\":\"1-").contains("\"encoding\":\"gzip\"");
        assertThat(Files.size(tmp.resolve("xml.gz"))).isEqualTo(813);
        String inline = run(0, "export-doc", Fixtures.chtDataDir().toString(), "medic", "form:pnc");
        assertThat(inline).contains("\"data\":\"");
        run(3, "export-doc", Fixtures.chtDataDir().toString(), "medic", "no-such-doc");
    }
}
