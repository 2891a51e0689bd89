package org.chtbackup.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.chtbackup.collector.snapshot.SnapshotResult;
import org.chtbackup.collector.snapshot.SnapshotTrigger;
import org.chtbackup.contracts.events.SnapshotCompleted;
import org.chtbackup.contracts.events.SnapshotFailed;
import org.chtbackup.contracts.events.SnapshotProgressed;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.chtbackup.contracts.signing.EventSigner;
import org.chtbackup.contracts.signing.EventSigningKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;
import org.chtbackup.contracts.testing.SharedFixtures;

/** The collector over a real (embedded KRaft) Kafka: CLI exit status, its events, and acknowledgements. */
class CollectorOverKafkaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EventSigningKeys STORAGE_KEYS = EventSigningKeys.generate();
    /** Signs as storage does: the collector is given the public half. */
    private static final EventSigner STORAGE = new EventSigner(STORAGE_KEYS.privateKey());

    @TempDir
    static Path tmp;
    static EmbeddedKafkaKraftBroker kafka;

    @BeforeAll
    static void kafka() {
        kafka = new EmbeddedKafkaKraftBroker(1, 8);
        kafka.brokerProperty("message.max.bytes", "4194304");
        kafka.afterPropertiesSet();
    }

    @AfterAll
    static void stop() {
        kafka.destroy();
    }

    @Test
    void theCliSnapshotsOnceExitsZeroAndReportsCompletion() {
        String deployment = "cli-ok";
        int status = CollectorApplication.snapshotOnce(args(deployment, "/home/ubuntu/cht/upgrade-service/.env"));

        assertThat(status).isZero();
        SnapshotCompleted completed = JSON.readValue(await(Topics.SNAPSHOTS_COMPLETED, deployment), SnapshotCompleted.class);
        assertThat(completed.manifestId()).isNotBlank();
        assertThat(completed.discovery()).isEqualTo("configured-paths");
        SnapshotProgressed last = JSON.readValue(await(Topics.SNAPSHOT_PROGRESS, deployment), SnapshotProgressed.class);
        assertThat(last.snapshotId()).isEqualTo(completed.snapshotId());
    }

    @Test
    void theCliExitsOneAndPublishesTheReasonWhenTheHostIsNotAChtHost() {
        String deployment = "cli-bad";
        int status = CollectorApplication.snapshotOnce(args(deployment, "/no/such/.env"));

        assertThat(status).isEqualTo(1);
        SnapshotFailed failed = JSON.readValue(await(Topics.SNAPSHOTS_FAILED, deployment), SnapshotFailed.class);
        assertThat(failed.reason()).contains("no .env at").contains("collector.env-file");
    }

    @Test
    void storedEventsFromEveryLocationStopTheChunksBeingSentAgainOnlyWhenStorageSignedThem() throws Exception {
        String deployment = "svc-acks";
        List<String> argv = new ArrayList<>(List.of(args(deployment, "/home/ubuntu/cht/upgrade-service/.env")));
        argv.remove(0);
        argv.remove("--once");
        argv.add("--server.port=0");
        argv.add("--cht-backup.api.token=collector-test-token");
        try (ConfigurableApplicationContext app = CollectorApplication.application().run(argv.toArray(String[]::new))) {
            SnapshotTrigger trigger = app.getBean(SnapshotTrigger.class);
            SnapshotResult first = trigger.runNow();
            assertThat(first.failure()).isNull();
            assertThat(first.chunksSent()).isPositive();
            Path pending = tmp.resolve("state").resolve(deployment).resolve("pending")
                    .resolve(first.snapshotId() + ".chunks");
            // Any host can write to the topic: events storage did not sign are ignored and counted.
            EventSigner impostor = new EventSigner(EventSigningKeys.generate().privateKey());
            for (String location : List.of("primary", "offsite", "nas")) {
                SnapshotStored event = new SnapshotStored(SnapshotStored.VERSION, deployment, first.snapshotId(),
                        location, "k", 1, Instant.now());
                sendStored(deployment, event);
                sendStored(deployment, event.signedBy(impostor));
            }
            Instant refusedBy = Instant.now().plus(Duration.ofSeconds(60));
            while (refusedEvents(app, deployment) < 6 && Instant.now().isBefore(refusedBy)) {
                Thread.sleep(200);
            }
            assertThat(refusedEvents(app, deployment)).as("six forged events refused").isEqualTo(6.0);
            assertThat(pending).as("forged events acknowledge nothing").exists();
            SnapshotResult afterForgery = trigger.runNow();
            assertThat(afterForgery.failure()).isNull();
            assertThat(afterForgery.chunksSent()).as("every chunk is still sent").isEqualTo(first.chunksSent());

            for (String location : List.of("primary", "offsite", "nas")) {
                sendStored(deployment, new SnapshotStored(SnapshotStored.VERSION, deployment, first.snapshotId(),
                        location, "k", 1, Instant.now()).signedBy(STORAGE));
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Files.exists(pending) && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertThat(pending).as("acknowledged by three locations").doesNotExist();

            SnapshotResult second = trigger.runNow();

            assertThat(second.failure()).isNull();
            assertThat(second.chunksSent()).isZero();
            java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                            + app.getEnvironment().getProperty("local.server.port") + "/actuator/prometheus"))
                            .header("Authorization", "Bearer collector-test-token").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).as("the append-read alert's counter, exported by the running collector")
                    .contains("cht_backup_collector_append_mismatches_total{deployment=\"" + deployment + "\"} 0.0");
        }
    }

    private static void sendStored(String deployment, SnapshotStored event) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SNAPSHOTS_STORED, deployment.getBytes(StandardCharsets.UTF_8),
                    JSON.writeValueAsBytes(event))).get();
        }
    }

    private static double refusedEvents(ConfigurableApplicationContext app, String deployment) {
        return app.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .get("cht.backup.collector.stored.events.refused").tag("deployment", deployment).counter().count();
    }

    private static String[] args(String deployment, String envFile) {
        byte[] dedup = new byte[32];
        new java.security.SecureRandom().nextBytes(dedup);
        return new String[] {"snapshot", "--once",
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka.getBrokersAsString(),
                "--collector.deployment-id=" + deployment,
                "--collector.host-root=" + SharedFixtures.chtHost(),
                "--collector.env-file=" + envFile,
                "--collector.tls-dir=/nginx-private",
                "--collector.docker.enabled=false",
                "--collector.state-dir=" + tmp.resolve("state"),
                "--collector.dedup-key=" + Base64.getEncoder().encodeToString(dedup),
                "--collector.sealing-public-key=" + SealingKeys.encode(SealingKeys.generate().publicKey()),
                "--collector.sender-key=" + SealingKeys.encode(SealingKeys.generate().privateKey()),
                "--collector.storage-event-key=" + EventSigningKeys.encode(STORAGE_KEYS.publicKey())};
    }

    /** The last record of the deployment on the topic, waiting up to a minute for one. */
    private static byte[] await(String topic, String deployment) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            byte[] last = null;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (deployment.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        last = r.value();
                    }
                }
                if (last != null) {
                    return last;
                }
            }
            throw new AssertionError("no record of " + deployment + " on " + topic + " within 60 s");
        }
    }
}
