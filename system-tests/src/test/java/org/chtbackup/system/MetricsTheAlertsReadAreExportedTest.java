package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.chtbackup.collector.appends.AppendReadMetrics;
import org.chtbackup.collector.dedup.SignedStoredEvents;
import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.events.SnapshotLocationStatus;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.signing.EventSigningKeys;
import org.chtbackup.contracts.signing.EventVerifier;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.chtbackup.crypto.encryption.PartRefusals;
import org.chtbackup.crypto.keys.KeyExpiryMetrics;
import org.chtbackup.storage.status.LocationMetrics;
import org.chtbackup.storage.status.StatusBoard;
import org.chtbackup.storage.writing.SnapshotEvents;
import org.chtbackup.verify.report.DrillMetrics;
import org.junit.jupiter.api.Test;

/**
 * Every metric the alert rules read (infra/prometheus/cht-backup-alerts.yml) is what the services' own metric
 * classes export, by the name Prometheus sees: a renamed metric would otherwise leave its alert silent forever.
 */
class MetricsTheAlertsReadAreExportedTest {

    @Test
    void everyMetricInTheRulesIsExportedUnderThatName() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DrillMetrics drills = new DrillMetrics(registry);
        drills.record(drill(DrillCompleted.Result.FAIL));
        drills.stored("clinic-7", "nas", Instant.parse("2026-03-02T02:00:00Z"));
        StatusBoard board = new StatusBoard(new SnapshotEvents() {
            @Override
            public void stored(SnapshotStored event) {
            }

            @Override
            public void status(SnapshotLocationStatus event) {
            }
        });
        LocationMetrics.register(registry, board, List.of("nas"));
        board.status(new SnapshotLocationStatus(SnapshotLocationStatus.VERSION, "clinic-7", "snap-1", "nas", "m",
                SnapshotLocationStatus.Status.DEGRADED, "catching up", Instant.now()));
        var recipient = KeyRing.publicRing(KeyRing.generateRecipientKey("ops", null));
        var signer = KeyRing.publicRing(KeyRing.generateSigningKey("crypto", null));
        KeyExpiryMetrics.register(registry, List.of(recipient), signer.getPublicKey());
        java.util.concurrent.atomic.AtomicLong mismatches = new java.util.concurrent.atomic.AtomicLong(1);
        AppendReadMetrics.register(registry, "clinic-7", mismatches, java.util.concurrent.atomic.AtomicLong::get);
        new PartRefusals(registry).refused(new org.chtbackup.contracts.sealing.SealedPayloadException("forged", null));
        new SignedStoredEvents("clinic-7", new EventVerifier(EventSigningKeys.generate().publicKey()), e -> {
        }, registry).accept(new SnapshotStored(1, "clinic-7", "snap-1", "nas", "m", 1, Instant.now()));

        String scrape = registry.scrape();
        assertThat(scrape).contains("cht_backup_drill_last_result{deployment=\"clinic-7\",location=\"nas\"} 2.0")
                .contains("cht_backup_location_snapshots_incomplete{location=\"nas\",status=\"DEGRADED\"} 1.0")
                .contains("cht_backup_location_snapshots_incomplete{location=\"nas\",status=\"FAILED\"} 0.0")
                .contains("role=\"signing\"} +Inf")
                .contains("cht_backup_collector_append_mismatches_total{deployment=\"clinic-7\"} 1.0")
                .contains("cht_backup_crypto_parts_refused_total{reason=\"not-authentic\"} 1.0")
                .contains("cht_backup_collector_stored_events_refused_total{deployment=\"clinic-7\"} 1.0");
        Matcher stored = Pattern.compile("cht_backup_snapshot_last_stored_timestamp_seconds\\{deployment=\"clinic-7\","
                + "location=\"nas\"} (\\S+)").matcher(scrape);
        assertThat(stored.find()).as(scrape).isTrue();
        assertThat(Double.parseDouble(stored.group(1))).isEqualTo(1_772_416_800d);
        TreeSet<String> exported = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^(cht_backup_\\w+)[{ ]").matcher(scrape);
        while (m.find()) {
            exported.add(m.group(1));
        }
        String rules = Files.readString(SharedFixtures.repository().resolve("infra/prometheus/cht-backup-alerts.yml"));
        Matcher used = Pattern.compile("cht_backup_\\w+").matcher(rules);
        TreeSet<String> read = new TreeSet<>();
        while (used.find()) {
            read.add(used.group());
        }
        assertThat(read).hasSize(8);
        assertThat(exported).containsAll(read);
        // The Grafana dashboard shipped with the compose files graphs the same metrics.
        String dashboard = Files.readString(SharedFixtures.repository()
                .resolve("infra/compose/grafana/cht-backup-fleet.json"));
        Matcher graphed = Pattern.compile("cht_backup_\\w+").matcher(dashboard);
        TreeSet<String> onDashboard = new TreeSet<>();
        while (graphed.find()) {
            onDashboard.add(graphed.group());
        }
        assertThat(onDashboard).isEqualTo(read);
    }

    private static DrillCompleted drill(DrillCompleted.Result result) {
        Instant at = Instant.parse("2026-03-02T03:00:00Z");
        return new DrillCompleted(DrillCompleted.VERSION, "d-1", "clinic-7", "snap-1", "nas", result, List.of("x"), 1,
                1, 1_000, at.minusSeconds(1), at, List.of(), Map.of(), "3.4.3", DrillCompleted.Result.PASS, List.of(),
                900L, null, null);
    }
}
