package org.chtbackup.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.location.Location;
import org.chtbackup.location.testing.TestS3Server;
import org.chtbackup.verify.testing.StoredSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import tools.jackson.databind.json.JsonMapper;

/**
 * The verify service as deployed, over a real Kafka broker (embedded KRaft) and a real S3 server: a
 * snapshot-stored event starts a drill whose result is published, written as JSON and HTML, counted in the
 * Prometheus metrics and shown on the fleet page; an on-demand drill over HTTP runs the same way.
 */
class VerifyServiceDrillsOverKafkaTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    Path work;

    @Test
    void storedSnapshotIsDrilledAndReportedEverywhere() throws Exception {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 8);
        kafka.afterPropertiesSet();
        try (TestS3Server s3 = TestS3Server.start(work.resolve("s3"))) {
            Location primary = s3.location("primary", "cht-primary", true).open();
            Instant created = Instant.parse("2026-03-01T02:00:00Z");
            String key = StoredSnapshots.store(primary, "snap-k", created, StoredSnapshots.liveStatistics(created),
                    StoredSnapshots.liveStatistics(created));
            KeyRing.save(work.resolve("ops.asc"), StoredSnapshots.ops());
            KeyRing.save(work.resolve("signer.pub.asc"), KeyRing.publicRing(StoredSnapshots.signer()));
            try (ConfigurableApplicationContext verify = VerifyApplication.application().run(
                    "--server.port=0",
                    "--cht-backup.api.token=" + TOKEN,
                    "--spring.cloud.stream.kafka.binder.brokers=" + kafka.getBrokersAsString(),
                    "--verify.locations.primary.kind=S3",
                    "--verify.locations.primary.endpoint=" + s3.endpoint(),
                    "--verify.locations.primary.bucket=cht-primary",
                    "--verify.locations.primary.access-key=" + TestS3Server.ACCESS_KEY,
                    "--verify.locations.primary.secret-key=" + TestS3Server.SECRET_KEY,
                    "--verify.locations.primary.offsite=true",
                    "--verify.decryption-key-files=" + work.resolve("ops.asc"),
                    "--verify.trusted-signer-files=" + work.resolve("signer.pub.asc"),
                    "--verify.data-dir=" + work.resolve("data"),
                    "--verify.scratch-dir=" + work.resolve("scratch"),
                    "--verify.report-dir=" + work.resolve("reports"),
                    "--verify.scratch.image=cht-backup-test/no-couchdb:{version}")) {
                send(kafka, new SnapshotStored(SnapshotStored.VERSION, StoredSnapshots.DEPLOYMENT, "snap-k", "primary",
                        key, 10, created.plusSeconds(60)));
                DrillCompleted drill = JSON.readValue(firstDrill(kafka), DrillCompleted.class);

                assertThat(drill.failures()).isEmpty();
                assertThat(drill.result()).isEqualTo(DrillCompleted.Result.INCOMPLETE);
                assertThat(drill.skipped()).anySatisfy(s -> assertThat(s).contains("scratch boot skipped"));
                Path reports = work.resolve("reports").resolve(StoredSnapshots.DEPLOYMENT);
                assertThat(reports.resolve(drill.drillId() + ".json")).exists();
                assertThat(Files.readString(reports.resolve(drill.drillId() + ".html"))).contains("INCOMPLETE");

                String base = "http://127.0.0.1:" + verify.getEnvironment().getProperty("local.server.port");
                assertThat(get(base + "/fleet")).contains("clinic-7").contains("snap-k").contains("INCOMPLETE");
                assertThat(get(base + "/actuator/prometheus"))
                        .contains("cht_backup_drill_last_success_timestamp_seconds{deployment=\"clinic-7\","
                                + "location=\"primary\"} 0.0")
                        .contains("cht_backup_drill_duration_seconds_count{deployment=\"clinic-7\","
                                + "location=\"primary\",result=\"INCOMPLETE\"} 1");
                HttpRequest.Builder onDemandDrill = HttpRequest.newBuilder(URI.create(
                        base + "/drills?deployment=clinic-7&location=primary")).POST(
                        HttpRequest.BodyPublishers.noBody());
                HttpResponse<String> anonymous = HttpClient.newHttpClient().send(onDemandDrill.build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(anonymous.statusCode()).as("a drill without the API token").isEqualTo(401);
                assertThat(jsonReports(reports))
                        .as("the refused call drilled nothing").isEqualTo(1);
                HttpResponse<String> onDemand = HttpClient.newHttpClient().send(onDemandDrill
                        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(onDemand.statusCode()).isEqualTo(200);
                assertThat(JSON.readValue(onDemand.body(), DrillCompleted.class).snapshotId()).isEqualTo("snap-k");
            }
        } finally {
            kafka.destroy();
        }
    }

    private static final String TOKEN = "verify-test-token";

    private static long jsonReports(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void send(EmbeddedKafkaKraftBroker kafka, SnapshotStored event) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                kafka.getBrokersAsString()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SNAPSHOTS_STORED,
                    event.deploymentId().getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(event))).get();
        }
    }

    private static byte[] firstDrill(EmbeddedKafkaKraftBroker kafka) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DRILLS));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    return record.value();
                }
            }
        }
        throw new AssertionError("no drill result on " + Topics.DRILLS + " within 120 s");
    }
}
