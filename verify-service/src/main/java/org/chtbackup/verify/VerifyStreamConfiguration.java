package org.chtbackup.verify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.openpgp.ObjectDecryptor;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.chtbackup.apisecurity.ApiSecurityProperties;
import org.chtbackup.verify.drill.DrillChecks;
import org.chtbackup.verify.drill.DrillRunner;
import org.chtbackup.verify.alerting.WebhookNotifier;
import org.chtbackup.verify.drill.ReportPrivacy;
import org.chtbackup.verify.queue.DrillQueue;
import org.chtbackup.verify.queue.DrillRequest;
import org.chtbackup.verify.report.DrillMetrics;
import org.chtbackup.verify.report.FleetState;
import org.chtbackup.verify.report.FleetSummary;
import org.chtbackup.verify.report.HtmlReportWriter;
import org.chtbackup.verify.report.ReportSigner;
import org.chtbackup.verify.report.ReportWriter;
import org.chtbackup.verify.repair.HttpRepairClient;
import org.chtbackup.verify.repair.LoggingRepairClient;
import org.chtbackup.verify.repair.RepairCoordinator;
import org.chtbackup.verify.restore.SnapshotRestorer;
import org.chtbackup.verify.schedule.DrillPlanner;
import org.chtbackup.verify.schedule.DrillScheduler;
import org.chtbackup.verify.schedule.SnapshotDrills;
import org.chtbackup.verify.scratch.ScratchCouchDb;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Binds {@code drillStored}: each stored snapshot is queued for a drill from the location it was stored in, and
 * the consumer returns (its offset is committed) as soon as the drill is queued on disk; drills run on the queue's
 * own threads. Every drill, however asked for, goes through that queue and is reported the same way: JSON and
 * HTML file, Kafka event, metrics, fleet state, repairs.
 */
@Configuration(proxyBeanMethods = false)
class VerifyStreamConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ObjectDecryptor objectDecryptor(VerifyProperties props) throws java.io.IOException {
        return VerifyKeys.decryptor(props.decryptionKeyFiles(), props.decryptionKeyPassphrase(),
                props.trustedSignerFiles());
    }

    @Bean
    Map<String, LocationSpec> locationSpecs(VerifyProperties props) {
        Map<String, LocationSpec> specs = new LinkedHashMap<>();
        props.locations().forEach((name, settings) -> specs.put(name, settings.toSpec(name)));
        return specs;
    }

    @Bean
    FleetState fleetState(VerifyProperties props) {
        FleetState state = new FleetState();
        state.load(props.reportDir());
        return state;
    }

    @Bean
    FleetSummary fleetSummary(FleetState state, Map<String, LocationSpec> locationSpecs) {
        // stale as the ChtBackupStale alert says (infra/prometheus): nothing stored for 6 hours
        return new FleetSummary(state, locationSpecs, Duration.ofHours(6));
    }

    @Bean
    DrillMetrics drillMetrics(MeterRegistry registry, FleetState fleet) {
        DrillMetrics metrics = new DrillMetrics(registry);
        fleet.deployments().forEach(d -> fleet.lastDrills(d).values().forEach(metrics::seed));
        return metrics;
    }

    @Bean
    ReportSink reportSink(VerifyProperties props, StreamBridge bridge, DrillMetrics metrics, FleetState fleet) {
        ReportSigner signer = ReportSigner.keyIn(props.dataDir(), props.reportDir());
        ReportWriter json = new ReportWriter(props.reportDir(), signer);
        HtmlReportWriter html = new HtmlReportWriter(props.reportDir(), signer.fingerprint());
        return new ReportSink(drill -> {
            json.write(drill);
            html.write(drill);
            fleet.drilled(drill);
            metrics.record(drill);
            bridge.send("drillCompleted-out-0", MessageBuilder.withPayload(drill)
                    .setHeader(KafkaHeaders.KEY, drill.deploymentId().getBytes(StandardCharsets.UTF_8))
                    .build());
        });
    }

    @Bean
    ScratchCouchDb scratchCouchDb(VerifyProperties props) {
        return ScratchLaunchers.from(props.scratch(), props.scratchDir());
    }

    @Bean
    DrillRunner drillRunner(VerifyProperties props, ObjectDecryptor decryptor, ScratchCouchDb scratch,
                            ReportSink sink, Map<String, LocationSpec> locationSpecs, Clock clock) {
        Map<String, Location> locations = new LinkedHashMap<>();
        locationSpecs.forEach((name, spec) -> locations.put(name, spec.open()));
        DrillRunner runner = new DrillRunner(locations, new SnapshotRestorer(decryptor, props.restoreParallelism()),
                new DrillChecks(scratch, props.scratch().sampleSize()), props.scratchDir(), props.keepRestored(),
                ReportPrivacy.keyIn(props.dataDir()), sink, clock);
        runner.removeRestoresOfDrillsThatDied(); // before the queue (which needs the runner) runs any drill
        return runner;
    }

    @Bean(destroyMethod = "close")
    DrillQueue drillQueue(VerifyProperties props, DrillRunner runner, MeterRegistry registry, Clock clock) {
        DrillQueue queue = new DrillQueue(props.queueDir(), new SnapshotDrills(runner), props.drills().concurrency(),
                props.drills().rememberDrilled(), clock);
        Gauge.builder("cht.backup.drills.queued", queue, DrillQueue::size)
                .description("drills queued or running").register(registry);
        FunctionCounter.builder("cht.backup.drills.duplicates", queue, DrillQueue::duplicates)
                .description("drill requests ignored because the same drill was queued, running or done")
                .register(registry);
        return queue;
    }

    /** Drills a stopped verify left queued run once the service is up (Kafka bindings and report listeners ready). */
    @Bean
    ApplicationListener<ApplicationReadyEvent> resumeQueuedDrills(DrillQueue queue) {
        return ready -> queue.resume();
    }

    @Bean(destroyMethod = "close")
    DrillScheduler drillScheduler(VerifyProperties props, DrillQueue queue, FleetState fleet, ReportSink sink,
                                  Map<String, LocationSpec> locationSpecs, Clock clock, ApiSecurityProperties api) {
        VerifyProperties.Schedule schedule = props.schedule();
        DrillScheduler scheduler = new DrillScheduler(queue, fleet,
                new DrillPlanner(schedule.everyLocationPeriod(), schedule.newestPeriod()), schedule::deployments,
                List.copyOf(locationSpecs.keySet()), clock);
        RepairCoordinator repairs = new RepairCoordinator(props.repair().url() == null ? new LoggingRepairClient()
                : new HttpRepairClient(props.repair().url(), api.token()),
                redrill -> scheduler.redrill(redrill, props.repair().redrillDelay()));
        sink.then(repairs::onDrill);
        if (schedule.enabled()) {
            scheduler.start(schedule.tick());
        }
        return scheduler;
    }

    /** Webhook messages about drills that fail, stay incomplete or recover; none when no webhook is set. */
    @Bean(destroyMethod = "close")
    WebhookNotifier webhookNotifier(VerifyProperties props, ReportSink sink) {
        VerifyProperties.Alerts alerts = props.alerts();
        WebhookNotifier notifier = new WebhookNotifier(alerts.webhooks(), alerts.attempts(), alerts.firstBackoff());
        sink.then(notifier::onDrill);
        return notifier;
    }

    /** Records the snapshot and queues its drill; returns once it is queued on disk, never waiting for the drill. */
    @Bean
    Consumer<SnapshotStored> drillStored(DrillQueue queue, FleetState fleet, DrillMetrics metrics, Clock clock) {
        return stored -> {
            fleet.stored(stored.deploymentId(), stored.snapshotId(), stored.location(), stored.storedAt());
            metrics.stored(stored.deploymentId(), stored.location(), stored.storedAt());
            queue.submit(DrillRequest.stored(stored, clock.instant()));
        };
    }
}
