package org.chtbackup.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.chtbackup.contracts.events.DrillCompleted.DatabaseComparison;
import org.chtbackup.contracts.events.DrillCompleted.Figures;
import org.chtbackup.contracts.events.DrillCompleted.Result;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** Every released version of {@link DrillCompleted} still reads, with the documented defaults; version 3 round-trips. */
class DrillCompletedVersionsAreReadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String V1 = "{\"version\":1,\"drillId\":\"d1\",\"deploymentId\":\"clinic-7\",\"snapshotId\":\"s\","
            + "\"location\":\"nas\",\"result\":\"PASS\",\"failures\":[],\"files\":3,\"bytes\":10,"
            + "\"restoreMillis\":5,\"startedAt\":\"2026-03-01T00:00:00Z\",\"finishedAt\":\"2026-03-01T00:00:01Z\"";

    @Test
    void versionOneAndTwoRecordsReadWithEmptyDefaultsForVersionThreeFields() {
        DrillCompleted v1 = JSON.readValue(V1 + "}", DrillCompleted.class);
        DrillCompleted v2 = JSON.readValue(V1.replace("\"version\":1", "\"version\":2")
                + ",\"skipped\":[\"scratch boot skipped: x\"],\"phaseMillis\":{\"restore\":4},\"couchdbVersion\":\"3.4.3\"}",
                DrillCompleted.class);

        for (DrillCompleted old : List.of(v1, v2)) {
            assertThat(old.restore()).isNull();
            assertThat(old.databases()).isEmpty();
            assertThat(old.filesRestoredMillis()).isNull();
            assertThat(old.scratchBootMillis()).isNull();
            assertThat(old.scratchCouchDb()).isNull();
            assertThat(old.manifestKey()).isNull();
            assertThat(old.manifestSha256()).isNull();
        }
        assertThat(v1.skipped()).isEmpty();
        assertThat(v2.phaseMillis()).containsEntry("restore", 4L);
    }

    @Test
    void versionFourNamesTheManifestAndRoundTrips() {
        DrillCompleted drill = new DrillCompleted(4, "d4", "clinic-7", "s", "nas", Result.PASS, List.of(), 3, 10, 5,
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:05Z"), List.of(), Map.of(),
                "3.4.3", Result.PASS, List.of(), 4L, 1L, "docker", "clinic-7/snapshots/x.manifest", "ab".repeat(32));
        DrillCompleted read = JSON.readValue(JSON.writeValueAsString(drill), DrillCompleted.class);
        assertThat(read).isEqualTo(drill);
        assertThat(read.manifestSha256()).hasSize(64);
    }

    @Test
    void versionThreeCarriesRestoreVerdictPerDatabaseFiguresAndTimings() {
        DrillCompleted drill = new DrillCompleted(DrillCompleted.VERSION, "d3", "clinic-7", "s", "nas",
                Result.INCOMPLETE, List.of(), 3, 10, 5, Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-01T00:00:05Z"), List.of("scratch boot skipped: x"), Map.of("restore", 4L),
                "3.4.3", Result.PASS, List.of(new DatabaseComparison("medic", new Figures(594, 20, "646-g1AA"),
                        new Figures(596, 20, "648-g1AA"), new Figures(595, 20, "647"), null, Result.INCOMPLETE,
                        List.of("scratch CouchDB not booted"))), 4L, null, null);

        DrillCompleted read = JSON.readValue(JSON.writeValueAsBytes(drill), DrillCompleted.class);

        assertThat(read).isEqualTo(drill);
        assertThat(read.databases().get(0).restored().docCount()).isEqualTo(595);
    }

    @Test
    void versionThreeWithoutARestoreVerdictIsRefusedNamingTheField() {
        assertThatThrownBy(() -> JSON.readValue(V1.replace("\"version\":1", "\"version\":3") + "}",
                DrillCompleted.class)).hasStackTraceContaining("restore is required");
    }
}
