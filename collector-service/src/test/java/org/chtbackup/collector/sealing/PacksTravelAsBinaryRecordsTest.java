package org.chtbackup.collector.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.chtbackup.contracts.events.EventWire;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.contracts.sealing.Opener;
import org.chtbackup.contracts.sealing.Sealer;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Over a real (embedded KRaft) broker: packs leave as binary records keyed by their own ids, so one snapshot spreads
 * over every partition, and each opens to exactly what was packed; a pack the broker refuses after it was handed over
 * surfaces at {@link SealedPartPublisher#confirm}, before any manifest could be sent.
 */
class PacksTravelAsBinaryRecordsTest {

    private static final SealingKeys KEYS = SealingKeys.generate();
    private static final SealingKeys SENDER = SealingKeys.generate();

    @Test
    void packsAreBinaryRecordsKeyedByPackIdSpreadOverPartitionsAndOpenToWhatWasPacked() throws Exception {
        EmbeddedKafkaKraftBroker kafka = broker();
        try (Producer<byte[], byte[]> producer = producer(kafka)) {
            SealedPartPublisher publisher = new SealedPartPublisher(new Sealer(KEYS.publicKey(), SENDER.privateKey()), producer, 2);
            Map<String, byte[]> packed = new HashMap<>();
            Random random = new Random(5);
            for (int i = 0; i < 12; i++) {
                byte[] pack = new byte[100_000 + i];
                random.nextBytes(pack);
                String id = String.format("%064x", 1000 + i * 7919L);
                packed.put(id, pack);
                publisher.send("clinic-7", "s1", PartKind.PACK, id, List.of(), pack, 0, pack.length, 0);
            }
            publisher.confirm();

            List<ConsumerRecord<byte[], byte[]>> records = read(kafka, 12);
            Set<Integer> partitions = new HashSet<>();
            Opener opener = new Opener(KEYS.privateKey());
            for (ConsumerRecord<byte[], byte[]> r : records) {
                SnapshotPartSealed part = EventWire.decodePart(r.value());
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(part.objectId());
                assertThat(opener.open(part.sealed(), part.associatedData(), SENDER.publicKey())).isEqualTo(packed.get(part.objectId()));
                assertThat(r.value().length).as("no base64: the pack plus seal and envelope")
                        .isLessThan(packed.get(part.objectId()).length + 400);
                partitions.add(r.partition());
            }
            assertThat(partitions).as("one snapshot's packs spread over the partitions").hasSizeGreaterThan(1);
        } finally {
            kafka.destroy();
        }
    }

    @Test
    void aPackTheBrokerRefusesAfterItWasHandedOverFailsConfirmNamingTheSetting() throws Exception {
        EmbeddedKafkaKraftBroker kafka = broker();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.getBrokersAsString()));
             Producer<byte[], byte[]> producer = producer(kafka)) {
            admin.createTopics(List.of(new NewTopic(Topics.SNAPSHOT_PARTS, 4, (short) 1)
                    .configs(Map.of("max.message.bytes", "65536")))).all().get();
            SealedPartPublisher publisher = new SealedPartPublisher(new Sealer(KEYS.publicKey(), SENDER.privateKey()), producer, 4);
            byte[] small = new byte[1000];
            byte[] large = new byte[200_000];
            publisher.send("clinic-7", "s1", PartKind.PACK, "a".repeat(64), List.of(), small, 0, small.length, 0);
            publisher.send("clinic-7", "s1", PartKind.PACK, "b".repeat(64), List.of(), large, 0, large.length, 0);

            assertThatThrownBy(publisher::confirm).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PACK " + "b".repeat(64) + " of clinic-7/s1")
                    .hasMessageContaining("max.message.bytes");
            publisher.confirm(); // reported once; the next snapshot starts clean
        } finally {
            kafka.destroy();
        }
    }

    private static EmbeddedKafkaKraftBroker broker() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 8);
        kafka.brokerProperty("message.max.bytes", "16777216");
        kafka.afterPropertiesSet();
        return kafka;
    }

    private static Producer<byte[], byte[]> producer(EmbeddedKafkaKraftBroker kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(EmbeddedKafkaKraftBroker kafka, int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SNAPSHOT_PARTS));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (records.size() < count && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            assertThat(records).hasSize(count);
            return records;
        }
    }
}
