package org.chtbackup.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients for tests: read a topic from the start until enough records match, or write raw bytes. */
final class Topic {

    static List<ConsumerRecord<byte[], byte[]>> await(String bootstrap, String topic, int count,
                                                      Predicate<ConsumerRecord<byte[], byte[]>> matching,
                                                      Duration timeout) {
        return await(bootstrap, Map.of(), topic, count, matching, timeout);
    }

    /** As above, on {@code kafka} with the client settings it needs. */
    static List<ConsumerRecord<byte[], byte[]>> await(KafkaProvider kafka, String topic, int count,
                                                      Predicate<ConsumerRecord<byte[], byte[]>> matching,
                                                      Duration timeout) {
        return await(kafka.bootstrapServers(), kafka.clientSettings(), topic, count, matching, timeout);
    }

    private static List<ConsumerRecord<byte[], byte[]>> await(String bootstrap, Map<String, Object> settings,
                                                              String topic, int count,
                                                              Predicate<ConsumerRecord<byte[], byte[]>> matching,
                                                              Duration timeout) {
        Map<String, Object> config = new java.util.HashMap<>(settings);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (matching.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    static void send(String bootstrap, String topic, String key, byte[] value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(), value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("sending to " + topic + " failed", e);
        }
    }

    private Topic() {
    }
}
