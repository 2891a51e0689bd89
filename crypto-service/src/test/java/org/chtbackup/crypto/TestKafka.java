package org.chtbackup.crypto;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.chtbackup.contracts.events.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real single-node KRaft broker with the crypto service's topics at 4 partitions, and plain clients for it. */
final class TestKafka implements AutoCloseable {

    static final int PARTITIONS = 8;

    private final EmbeddedKafkaKraftBroker broker;
    private final KafkaProducer<byte[], byte[]> producer;

    TestKafka() {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperty("message.max.bytes", "16777216");
        broker.afterPropertiesSet();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(
                    new NewTopic(Topics.SNAPSHOT_PARTS, PARTITIONS, (short) 1),
                    new NewTopic(Topics.OBJECTS, PARTITIONS, (short) 1),
                    new NewTopic(Topics.deadLetter(Topics.SNAPSHOT_PARTS), PARTITIONS, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("creating test topics failed", e);
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024), new ByteArraySerializer(), new ByteArraySerializer());
    }

    String bootstrap() {
        return broker.getBrokersAsString();
    }

    /** Sends a part under {@code key}: collectors key packs by pack id, lists and manifests by deployment. */
    void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.SNAPSHOT_PARTS, key.getBytes(), value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("sending to " + Topics.SNAPSHOT_PARTS + " failed", e);
        }
    }

    /** Reads the topic from the start until {@code count} records match or the timeout passes. */
    List<ConsumerRecord<byte[], byte[]>> await(String topic, int count, Predicate<ConsumerRecord<byte[], byte[]>> matching,
                                               Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (matching.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /** Every record of every topic on the broker, read to the end (including internal topics). */
    List<ConsumerRecord<byte[], byte[]>> everything() {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
             KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Set<String> topics = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                    .names().get();
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(
                        new org.apache.kafka.common.TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(300)).forEach(all::add);
            }
        } catch (Exception e) {
            throw new IllegalStateException("reading every topic failed", e);
        }
        return all;
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        producer.close();
        broker.destroy();
    }
}
