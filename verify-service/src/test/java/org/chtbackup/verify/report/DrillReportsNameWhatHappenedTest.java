package org.chtbackup.verify.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.location.LocationSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

/** JSON and HTML reports, the fleet summary and the Prometheus metrics carry what the drill found. */
class DrillReportsNameWhatHappenedTest {

    @TempDir
    Path dir;

    static DrillCompleted drill(String location, DrillCompleted.Result result, List<String> failures,
                                List<String> skipped, Instant finished) {
        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("manifest", 120L);
        phases.put("restore", 4_000L);
        return new DrillCompleted(DrillCompleted.VERSION, "d-" + location + "-" + finished.getEpochSecond(), "clinic-7",
                "snap-1", location, result, failures, 120, 2_700_000, 5_000, finished.minusSeconds(5), finished,
                skipped, phases, "3.4.3", result == DrillCompleted.Result.FAIL ? DrillCompleted.Result.FAIL
                : DrillCompleted.Result.PASS, List.of(), 4_100L, null, null);
    }

    @Test
    void jsonAndHtmlReportsNameFailuresSkipsAndPhases() throws Exception {
        DrillCompleted failed = drill("nas", DrillCompleted.Result.FAIL,
                List.of("file couchdb-data/shards/x/medic.1.couch: object clinic-7/chunks/ab/ab12 failed <authentication>"),
                List.of("offline check and scratch boot skipped: the restore itself failed"),
                Instant.parse("2026-03-02T03:00:00Z"));
        Path json = new ReportWriter(dir, ReportSigner.keyIn(dir.resolve("data"), dir)).write(failed);
        Path html = new HtmlReportWriter(dir, null).write(failed);

        DrillCompleted read = JsonMapper.builder().build().readValue(Files.readAllBytes(json), DrillCompleted.class);
        assertThat(read).isEqualTo(failed);
        String page = Files.readString(html);
        assertThat(page).contains("FAIL").contains("object clinic-7/chunks/ab/ab12 failed &lt;authentication&gt;")
                .contains("the restore itself failed").contains("<td>restore</td><td>4.0 s</td>")
                .doesNotContain("<authentication>");
    }

    @Test
    void htmlReportShowsRestoreVerdictPerDatabaseFiguresAndTimingsEscaped() throws Exception {
        DrillCompleted drill = new DrillCompleted(DrillCompleted.VERSION, "d-rows", "clinic-7", "snap-1", "nas",
                DrillCompleted.Result.FAIL, List.of("database medic: scratch CouchDB answered doc_count 3, the restored"
                + " files hold 5"), 120, 2_700_000, 9_000, Instant.parse("2026-03-02T03:00:00Z"),
                Instant.parse("2026-03-02T03:00:09Z"), List.of(), Map.of(), "3.4.3", DrillCompleted.Result.PASS,
                List.of(new DrillCompleted.DatabaseComparison("medic", new DrillCompleted.Figures(594, 20, "646-g1AA"),
                                new DrillCompleted.Figures(596, 20, "650-g1AB"), new DrillCompleted.Figures(5, 20, "648"),
                                new DrillCompleted.Figures(3, 20, null), DrillCompleted.Result.FAIL,
                                List.of("scratch CouchDB answered doc_count 3 <b>")),
                        new DrillCompleted.DatabaseComparison("medic-user-#0123456789ab-meta", null, null,
                                new DrillCompleted.Figures(12, 0, "14"), new DrillCompleted.Figures(12, 0, null),
                                DrillCompleted.Result.PASS, List.of())),
                4_200L, 2_300L, "docker couchdb:3.4.3 container 1a2b3c");

        String page = Files.readString(new HtmlReportWriter(dir, null).write(drill));

        assertThat(page).contains("<th>Restore</th><td><span class=\"PASS\">PASS</span> — every object authenticated")
                .contains("<th>Drill result</th><td><span class=\"FAIL\">FAIL</span>")
                .contains("<td>medic</td><td><span class=\"FAIL\">FAIL</span></td>")
                .contains(">594 / 20 / 646</td>").contains(">596 / 20 / 650</td>").contains(">5 / 20 / 648</td>")
                .contains(">3 / 20 / —</td>").contains("title=\"update_seq 646-g1AA\"")
                .contains("medic-user-#0123456789ab-meta")
                .contains("4.2 s").contains("2.3 s (docker couchdb:3.4.3 container 1a2b3c)")
                .contains("doc_count 3 &lt;b&gt;").doesNotContain("<b>");
    }

    @Test
    void versionOneRecordsStillReadWithDefaults() {
        String v1 = "{\"version\":1,\"drillId\":\"d1\",\"deploymentId\":\"clinic-7\",\"snapshotId\":\"s\","
                + "\"location\":\"nas\",\"result\":\"PASS\",\"failures\":[],\"files\":3,\"bytes\":10,"
                + "\"restoreMillis\":5,\"startedAt\":\"2026-03-01T00:00:00Z\",\"finishedAt\":\"2026-03-01T00:00:01Z\"}";
        DrillCompleted read = JsonMapper.builder().build().readValue(v1, DrillCompleted.class);
        assertThat(read.skipped()).isEmpty();
        assertThat(read.phaseMillis()).isEmpty();
        assertThat(read.couchdbVersion()).isNull();
    }

    @Test
    void metricsExposeLastSuccessOnlyForPassAndCountFailures() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DrillMetrics metrics = new DrillMetrics(registry);
        Instant passedAt = Instant.parse("2026-03-02T03:00:00Z");
        metrics.record(drill("primary", DrillCompleted.Result.PASS, List.of(), List.of(), passedAt));
        metrics.record(drill("nas", DrillCompleted.Result.FAIL, List.of("x"), List.of(), passedAt.plusSeconds(60)));
        metrics.record(drill("offsite", DrillCompleted.Result.INCOMPLETE, List.of(), List.of("scratch boot skipped"),
                passedAt.plusSeconds(90)));

        String scrape = registry.scrape();
        assertThat(scrape).contains("cht_backup_drill_last_success_timestamp_seconds{deployment=\"clinic-7\","
                + "location=\"primary\"} " + (double) passedAt.getEpochSecond())
                .containsPattern("cht_backup_drill_last_success_timestamp_seconds\\{deployment=\"clinic-7\","
                        + "location=\"offsite\"} 0.0")
                .contains("cht_backup_drill_failures_total{deployment=\"clinic-7\",location=\"nas\"} 1.0")
                .contains("cht_backup_drill_duration_seconds_count{deployment=\"clinic-7\",location=\"nas\",result=\"FAIL\"} 1");
    }

    @Test
    void fleetSummaryShowsPerLocationResultsRtoAndThreeTwoOne() {
        FleetState state = new FleetState();
        Instant t = Instant.parse("2026-03-02T03:00:00Z");
        state.stored("clinic-7", "snap-1", "primary", t.minusSeconds(7200));
        state.stored("clinic-7", "snap-1", "nas", t.minusSeconds(7100));
        state.drilled(drill("primary", DrillCompleted.Result.PASS, List.of(), List.of(), t));
        state.drilled(drill("nas", DrillCompleted.Result.FAIL, List.of("x"), List.of(), t));
        Map<String, LocationSpec> locations = new LinkedHashMap<>();
        locations.put("primary", spec("primary", "object-store", false));
        locations.put("offsite", spec("offsite", "object-store", true));
        locations.put("nas", spec("nas", "disk", false));

        FleetSummary summary = new FleetSummary(state, locations, java.time.Duration.ofHours(6));
        FleetSummary.DeploymentLine line = summary.lines(t).get(0);
        assertThat(line.snapshotAgeSeconds()).isEqualTo(7200);
        assertThat(line.locations()).containsEntry("primary", "PASS " + t).containsEntry("nas", "FAIL " + t)
                .containsEntry("offsite", "never drilled");
        assertThat(line.rtoMillis()).isEqualTo(5_000);
        assertThat(line.threeTwoOne()).isEqualTo("NOT met (2 copies, 2 media, 0 offsite)");
        state.stored("clinic-7", "snap-1", "offsite", t);
        assertThat(summary.lines(t).get(0).threeTwoOne()).isEqualTo("met (3 copies, 2 media, 1 offsite)");
        assertThat(summary.html(t)).contains("clinic-7").contains("never drilled").contains("5.0 s");
    }

    @Test
    void theHtmlPageNamesTheManifestAndItsDigest() {
        DrillCompleted v3 = drill("nas", DrillCompleted.Result.PASS, List.of(), List.of(),
                Instant.parse("2026-03-02T03:00:00Z"));
        DrillCompleted v4 = new DrillCompleted(4, v3.drillId(), v3.deploymentId(), v3.snapshotId(), v3.location(),
                v3.result(), v3.failures(), v3.files(), v3.bytes(), v3.restoreMillis(), v3.startedAt(),
                v3.finishedAt(), v3.skipped(), v3.phaseMillis(), v3.couchdbVersion(), v3.restore(), v3.databases(),
                v3.filesRestoredMillis(), null, null, "clinic-7/snapshots/20260302T020000Z-snap-1.manifest",
                "0123456789abcdef".repeat(4));
        assertThat(HtmlReportWriter.render(v4)).contains("<code>clinic-7/snapshots/20260302T020000Z-snap-1.manifest</code>")
                .contains("0123456789abcdef".repeat(4)).contains("sha256sum");
        assertThat(HtmlReportWriter.render(v3)).contains("not recorded (report of an earlier version)");
    }

    @Test
    void fleetStateIsRebuiltFromReportFiles() {
        Instant t = Instant.parse("2026-03-02T03:00:00Z");
        new ReportWriter(dir, ReportSigner.keyIn(dir.resolve("data"), dir)).write(drill("nas", DrillCompleted.Result.PASS, List.of(), List.of(), t));
        FleetState state = new FleetState();
        state.load(dir);
        assertThat(state.lastDrill("clinic-7", "nas")).get().extracting(DrillCompleted::finishedAt).isEqualTo(t);
    }

    private static LocationSpec spec(String name, String media, boolean offsite) {
        return new LocationSpec(name, LocationSpec.Kind.FILESYSTEM, null, null, null, null, null, Path.of("/x"), media,
                offsite);
    }
}
