package org.chtbackup.collector.livestats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.chtbackup.collector.discovery.CouchDbEndpoint;
import org.chtbackup.collector.snapshot.RecordingSink;
import org.chtbackup.collector.snapshot.SnapshotResult;
import org.chtbackup.collector.snapshot.TestCollector;
import org.chtbackup.contracts.manifest.LiveStatistics.DatabaseStatistics;
import org.chtbackup.contracts.manifest.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.chtbackup.contracts.testing.SharedFixtures;

class LiveStatisticsFromARealServerTest {

    @TempDir
    static Path tmp;
    static PouchDbServer pouch;

    @BeforeAll
    static void start() throws Exception {
        pouch = PouchDbServer.start(tmp.resolve("pouch"));
        pouch.request("PUT", "/medic", null);
        pouch.request("PUT", "/medic-sentinel", null);
        for (int i = 0; i < 5; i++) {
            pouch.request("PUT", "/medic/person-" + i, "{\"type\":\"person\",\"name\":\"p" + i + "\"}");
        }
        String rev = pouch.request("GET", "/medic/person-4", null).replaceAll("(?s).*\"_rev\":\"([^\"]+)\".*", "$1").strip();
        pouch.request("DELETE", "/medic/person-4?rev=" + rev, null);
        pouch.request("PUT", "/medic-sentinel/task-1", "{\"type\":\"task\"}");
    }

    @AfterAll
    static void stop() {
        if (pouch != null) {
            pouch.close();
        }
    }

    @Test
    void everyDatabaseIsReadWithItsCountsAndANumericUpdateSeqIsKeptAsText() {
        LiveRead read = new CouchDbStatistics(Clock.systemUTC(), Duration.ofSeconds(10))
                .read(new CouchDbEndpoint(pouch.url(), PouchDbServer.USER, PouchDbServer.PASSWORD));

        assertThat(read.couchdbVersion()).isNotBlank();
        DatabaseStatistics medic = read.statistics().databases().get("medic");
        assertThat(medic.docCount()).isEqualTo(4);
        assertThat(medic.updateSeq()).isEqualTo("6");
        assertThat(medic.docDelCount()).as("reported, or -1 where the server does not say")
                .isIn(1L, CouchDbStatistics.UNKNOWN);
        assertThat(read.statistics().databases().get("medic-sentinel").docCount()).isEqualTo(1);
    }

    @Test
    void wrongCredentialsAreNamedWithoutThePassword() {
        CouchDbStatistics stats = new CouchDbStatistics(Clock.systemUTC(), Duration.ofSeconds(10));

        assertThatThrownBy(() -> stats.read(new CouchDbEndpoint(pouch.url(), PouchDbServer.USER, "wrong-secret-pw")))
                .isInstanceOf(LiveStatisticsException.class)
                .hasMessageContaining("401").hasMessageContaining("COUCHDB_PASSWORD")
                .hasMessageNotContaining("wrong-secret-pw");
    }

    @Test
    void theSnapshotOfTheChtHostFixtureRecordsStatisticsBeforeAndAfterTheCopy() throws Exception {
        Path host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        java.nio.file.Files.writeString(host.resolve("home/ubuntu/cht/upgrade-service/.env"),
                java.nio.file.Files.readString(host.resolve("home/ubuntu/cht/upgrade-service/.env"))
                        .replace("COUCHDB_PASSWORD=fixture-password-not-secret", "COUCHDB_PASSWORD=" + PouchDbServer.PASSWORD));
        RecordingSink sink = new RecordingSink();
        TestCollector collector = new TestCollector(host, tmp.resolve("state"), sink, pouch.url());

        SnapshotResult result = collector.snapshot("live1");

        assertThat(result.failure()).isNull();
        Manifest manifest = sink.manifests().get(0);
        assertThat(manifest.liveBefore()).isNotNull();
        assertThat(manifest.liveAfter()).isNotNull();
        assertThat(manifest.liveBefore().databases().get("medic").docCount()).isEqualTo(4);
        assertThat(manifest.liveAfter().readAt()).isAfterOrEqualTo(manifest.liveBefore().readAt());
        assertThat(manifest.host().couchdbVersion()).isNotBlank();
        assertThat(manifest.host().nodeName()).isNotBlank();
    }

    @Test
    void aSnapshotWhoseCouchdbDoesNotAnswerStillSucceedsWithoutLiveStatistics() throws Exception {
        Path host = SharedFixtures.chtHostCopy(tmp.resolve("host-down"));
        RecordingSink sink = new RecordingSink();
        TestCollector collector = new TestCollector(host, tmp.resolve("state-down"), sink,
                java.net.URI.create("http://127.0.0.1:9"));

        SnapshotResult result = collector.snapshot("down1");

        assertThat(result.failure()).isNull();
        assertThat(sink.manifests().get(0).liveBefore()).isNull();
    }
}
