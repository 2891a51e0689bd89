package org.chtbackup.verify.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.chtbackup.couchdb.DatabaseSummary;
import org.chtbackup.verify.scratch.CouchDbHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

/**
 * The comparison a drill makes against a scratch CouchDB, run against pouchdb-server loaded over HTTP: counts
 * that agree pass, counts that differ and databases it does not serve fail naming the database and figures.
 */
class ScratchCountsAreComparedOverHttpTest {

    @TempDir
    static Path work;
    static PouchDbServer server;

    @BeforeAll
    static void start() throws Exception {
        org.chtbackup.contracts.testing.Requirements.require(PouchDbServer.binary() != null, "pouchdb-server not found (set POUCHDB_SERVER_BIN)");
        server = new PouchDbServer(work.resolve("pouchdb"));
        server.putJson("medic", "");
        server.putJson("medic/person-1", "{\"type\":\"person\"}");
        server.putJson("medic/person-2", "{\"type\":\"person\"}");
        String rev = JsonMapper.builder().build().readTree(server.putJson("medic/gone", "{\"type\":\"x\"}"))
                .path("rev").asString();
        server.delete("medic/gone?rev=" + rev);
        String photoRev = JsonMapper.builder().build().readTree(server.putJson("medic/report-1", "{\"type\":\"r\"}"))
                .path("rev").asString();
        server.put("medic/report-1/photo.jpg?rev=" + photoRev, "image/jpeg",
                "not really a jpeg".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static DatabaseSummary files(String db, long docs, long deleted) {
        return new DatabaseSummary(db, docs, deleted, 0, 1, List.of());
    }

    @Test
    void matchingCountsAndReadableAttachmentsPass() {
        Findings findings = new Findings();
        new ScratchComparison(10).compare(List.of(files("medic", 3, 1), files("_dbs", 9, 0)),
                new CouchDbHttp(server.base, null, null), findings);
        assertThat(findings.failures()).isEmpty();
        // pouchdb-server leaves doc_del_count out of GET /{db}; CouchDB always sends it. Never silently passed:
        assertThat(findings.skipped()).containsExactly("database medic: the scratch server did not report"
                + " doc_del_count, so it was not compared");
    }

    @Test
    void differingCountsFailNamingDatabaseAndFigures() {
        Findings findings = new Findings();
        new ScratchComparison(0).compare(List.of(files("medic", 5, 0)), new CouchDbHttp(server.base, null, null),
                findings);
        assertThat(findings.failures()).containsExactly(
                "database medic: scratch CouchDB answered doc_count 3, the restored files hold 5");
    }

    @Test
    void documentsAndAttachmentsReadBackAndAMissingOneIsNamed() throws Exception {
        List<String> problems = new CouchDbHttp(server.base, null, null).readDocument("medic", "report-1");
        assertThat(problems).isEmpty();
        assertThat(new CouchDbHttp(server.base, null, null).readDocument("medic", "no-such-doc"))
                .containsExactly("database medic document no-such-doc: GET answered 404");
    }

    @Test
    void databaseTheServerDoesNotServeFails() {
        Findings findings = new Findings();
        new ScratchComparison(0).compare(List.of(files("medic-sentinel", 200, 0)),
                new CouchDbHttp(server.base, null, null), findings);
        assertThat(findings.failures()).singleElement().satisfies(f -> assertThat(f)
                .startsWith("database medic-sentinel: the restored files hold it but the scratch CouchDB did not serve it")
                .contains("404"));
    }
}
