package org.chtbackup.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
import org.chtbackup.verify.queue.DrillQueue;
import org.chtbackup.verify.testing.SlowTcpProxy;
import org.chtbackup.verify.testing.StoredSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import tools.jackson.databind.json.JsonMapper;

/**
 * Over a real Kafka broker (embedded KRaft) with {@code max.poll.interval.ms} at 3 s, and an S3 location made slow
 * by a proxy so that one drill takes several poll intervals: the snapshot-stored consumer only queues the drill,
 * so the group does not rebalance under it and Kafka does not deliver the event again. The drill runs once (a
 * duplicate delivery included), the event after it is consumed and drilled too, and every offset is committed.
 */
class DrillLongerThanThePollIntervalRunsOnceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int POLL_INTERVAL_MS = 3000;
    @TempDir
    Path work;

    @Test
    void slowDrillRunsOnceAndLaterEventsKeepBeingConsumed() throws Exception {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 8);
        kafka.afterPropertiesSet();
        Instant created = Instant.parse("2026-03-01T02:00:00Z");
        try (TestS3Server s3 = TestS3Server.start(work.resolve("s3"));
             SlowTcpProxy slow = SlowTcpProxy.to(s3.endpoint(), Duration.ofMillis(1500))) {
            Location primary = s3.location("primary", "cht-primary", true).open();
            String keyA = StoredSnapshots.store(primary, "snap-a", created, null, null);
            String keyB = StoredSnapshots.store(primary, "snap-b", created.plusSeconds(3600), null, null);
            KeyRing.save(work.resolve("ops.asc"), StoredSnapshots.ops());
            KeyRing.save(work.resolve("signer.pub.asc"), KeyRing.publicRing(StoredSnapshots.signer()));
            String consumer = "--spring.cloud.stream.kafka.binder.consumer-properties.";
            try (ConfigurableApplicationContext verify = VerifyApplication.application().run(
                    "--server.port=0",
                    "--spring.cloud.stream.kafka.binder.brokers=" + kafka.getBrokersAsString(),
                    consumer + "max.poll.interval.ms=" + POLL_INTERVAL_MS,
                    consumer + "heartbeat.interval.ms=500",
                    consumer + "session.timeout.ms=6000",
                    "--verify.locations.primary.kind=S3",
                    "--verify.locations.primary.endpoint=" + slow.endpoint(),
                    "--verify.locations.primary.bucket=cht-primary",
                    "--verify.locations.primary.access-key=" + TestS3Server.ACCESS_KEY,
                    "--verify.locations.primary.secret-key=" + TestS3Server.SECRET_KEY,
                    "--verify.decryption-key-files=" + work.resolve("ops.asc"),
                    "--verify.trusted-signer-files=" + work.resolve("signer.pub.asc"),
                    "--verify.data-dir=" + work.resolve("data"),
                    "--verify.schedule.enabled=false",
                    "--verify.scratch.launchers=")) {
                SnapshotStored a = stored("snap-a", keyA, created);
                send(kafka, a);
                send(kafka, a);
                send(kafka, stored("snap-b", keyB, created.plusSeconds(3600)));

                drills(kafka, 2, Duration.ofSeconds(180));
                // Long enough for a rebalance to have delivered snap-a again had the consumer waited for its drill.
                Thread.sleep(3L * POLL_INTERVAL_MS);
                List<DrillCompleted> drills = drills(kafka, 0, Duration.ofSeconds(5));

                assertThat(drills).extracting(DrillCompleted::snapshotId).containsExactly("snap-a", "snap-b");
                assertThat(drills).allSatisfy(d -> assertThat(d.restore()).isEqualTo(DrillCompleted.Result.PASS));
                assertThat(drills.get(0).restoreMillis()).as("the drill outlasted max.poll.interval.ms")
                        .isGreaterThan(POLL_INTERVAL_MS);
                assertThat(committed(kafka)).as("every snapshot-stored event consumed and committed").isEqualTo(3);
                DrillQueue queue = verify.getBean(DrillQueue.class);
                assertThat(queue.size()).isZero();
                assertThat(queue.duplicates()).as("only the duplicate sent on purpose: no rebalance delivered an event"
                        + " again").isEqualTo(1);
            }
        } finally {
            kafka.destroy();
        }
    }

    private static SnapshotStored stored(String snapshot, String key, Instant at) {
        return new SnapshotStored(SnapshotStored.VERSION, StoredSnapshots.DEPLOYMENT, snapshot, "primary", key, 10,
                at.plusSeconds(60));
    }

    private static void send(EmbeddedKafkaKraftBroker kafka, SnapshotStored event) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                kafka.getBrokersAsString()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SNAPSHOTS_STORED,
                    event.deploymentId().getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(event))).get();
        }
    }

    /** Drill results on the drills topic (from the start) until {@code count} (0: any number) arrived or {@code wait} passed. */
    private static List<DrillCompleted> drills(EmbeddedKafkaKraftBroker kafka, int count, Duration wait) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<DrillCompleted> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DRILLS));
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline && (count == 0 || out.size() < count)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    out.add(JSON.readValue(record.value(), DrillCompleted.class));
                }
            }
        }
        if (count > 0 && out.size() < count) {
            throw new AssertionError("only " + out.size() + " of " + count + " drill results within " + wait);
        }
        return out;
    }

    private static long committed(EmbeddedKafkaKraftBroker kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.getBrokersAsString()))) {
            Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets = admin
                    .listConsumerGroupOffsets("verify").partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.SNAPSHOTS_STORED))
                    .filter(e -> e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
        }
    }
}
