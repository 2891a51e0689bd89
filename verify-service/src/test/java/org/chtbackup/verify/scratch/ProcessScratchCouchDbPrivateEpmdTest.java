package org.chtbackup.verify.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.chtbackup.contracts.testing.Requirements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process launcher with a real Erlang VM (Debian's erlang-base and erlang-inets; .ci/run installs them). The
 * installation is a stand-in for CouchDB's: its bin/couchdb honours the same contract (COUCHDB_ARGS_FILE,
 * COUCHDB_INI_FILES) and execs the real {@code erl -args_file $COUCHDB_ARGS_FILE}, so the node really registers
 * its {@code -name} with epmd, and serves {@code GET /_up} with inets httpd on the port of the generated ini.
 * Two nodes named {@code couchdb@127.0.0.1} on one epmd fail the second ("seems to be in use").
 */
class ProcessScratchCouchDbPrivateEpmdTest {

    static final String NODE = "couchdb@127.0.0.1";

    @TempDir
    Path dir;

    @BeforeAll
    static void erlang() {
        Requirements.require(LaunchedProcesses.onPath("erl") && LaunchedProcesses.onPath("epmd"), "Erlang (erl, epmd) is not installed;"
                + " .ci/run installs Debian's erlang-base and erlang-inets");
    }

    @Test
    void twoDrillsWhoseSourcesShareTheNodeNameRunAtOnceAndLeaveNothingRunning() throws Exception {
        Path install = install("""
                exec erl -args_file "$COUCHDB_ARGS_FILE" -eval "
                  ok = inets:start(),
                  {ok, _} = inets:start(httpd, [{port, $port}, {bind_address, {127,0,0,1}}, {server_name, \\"scratch\\"},
                      {server_root, \\"$www\\"}, {document_root, \\"$www\\"}, {modules, [mod_get]}])."
                """);
        Path work = dir.resolve("work");
        ProcessScratchCouchDb launcher = new ProcessScratchCouchDb(install, work, Duration.ofSeconds(60));
        List<ScratchCouchDb.Running> running = new ArrayList<>();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<ScratchCouchDb.Running>> starts = new ArrayList<>();
            for (String drill : List.of("drill-a", "drill-b")) {
                Path data = Files.createDirectories(dir.resolve(drill).resolve("couchdb-data"));
                starts.add(two.submit(() -> launcher.start(data, "3.4.3", NODE)));
            }
            for (Future<ScratchCouchDb.Running> start : starts) {
                running.add(start.get());
            }
            for (ScratchCouchDb.Running couch : running) {
                assertThat(couch.http().waitUntilUp(Duration.ofSeconds(5))).as(couch.description()).isTrue();
            }
            assertThat(running.get(0).http().base()).isNotEqualTo(running.get(1).http().base());
            assertThat(LaunchedProcesses.startedFrom(work)).as("what the drills started, as this test can see it")
                    .contains("epmd", "beam.smp").hasSizeGreaterThanOrEqualTo(4);
        } finally {
            running.forEach(ScratchCouchDb.Running::close);
            two.shutdownNow();
        }
        assertThat(LaunchedProcesses.leftFrom(work)).as("processes left after both drills").isEmpty();
    }

    @Test
    void couchDbThatExitsIsAFailureNamingItsLogAndStopsItsEpmd() throws Exception {
        Path install = install("""
                exec erl -args_file "$COUCHDB_ARGS_FILE" -eval "timer:sleep(500), halt(3)."
                """);
        Path work = dir.resolve("work");
        ProcessScratchCouchDb launcher = new ProcessScratchCouchDb(install, work, Duration.ofSeconds(60));
        Path data = Files.createDirectories(dir.resolve("couchdb-data"));
        assertThatThrownBy(() -> launcher.start(data, "3.4.3", NODE)).isInstanceOf(ScratchBootFailed.class)
                .hasMessageContaining("exited with code 3 before answering").hasMessageContaining("couchdb.log");
        assertThat(LaunchedProcesses.leftFrom(work)).as("processes left after a failed boot").isEmpty();
        try (Stream<Path> left = Files.walk(work)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("credentials left after a failed boot")
                    .doesNotContain("drill.ini", ".erlang.cookie");
        }
    }

    /** A CouchDB installation whose bin/couchdb reads the generated ini, then runs {@code erlTail}. */
    private Path install(String erlTail) throws IOException {
        Path install = dir.resolve("opt-couchdb");
        Files.createDirectories(install.resolve("etc"));
        Files.writeString(install.resolve("etc/default.ini"), "; stand-in\n");
        Path www = Files.createDirectories(install.resolve("share/www"));
        Files.writeString(www.resolve("_up"), "{\"status\":\"ok\"}");
        Path bin = Files.createDirectories(install.resolve("bin")).resolve("couchdb");
        Files.writeString(bin, "#!/bin/sh\n"
                + "# stand-in for CouchDB's bin/couchdb: same environment contract, real Erlang VM\n"
                + "set -e\n"
                + "ini=${COUCHDB_INI_FILES##* }\n"
                + "port=$(sed -n 's/^port = //p' \"$ini\" | head -n 1)\n"
                + "www=" + www + "\n"
                + erlTail);
        assertThat(bin.toFile().setExecutable(true)).isTrue();
        return install;
    }
}
