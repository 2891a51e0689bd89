package org.chtbackup.storage.backlog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.storage.writing.Backlog;

/**
 * The backlog on Kafka: one topic, each record keyed by its location so that a location's records stay in order
 * in one partition. An append waits for every in-sync replica (acks=all) before it returns.
 */
public final class KafkaBacklog implements Backlog, AutoCloseable {

    /** Objects are packs of up to about 9 MiB, in a small binary envelope. */
    static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;
    static final java.time.Duration RETENTION = java.time.Duration.ofDays(30);

    private final KafkaProducer<byte[], byte[]> producer;

    /**
     * @param producerSettings the binder's producer settings ({@code spring.kafka.*}: security, SSL, SASL), which
     *                         this client reads as the binder's own clients do
     * @param adminSettings    the same for the admin client that creates the topic
     */
    public KafkaBacklog(String bootstrapServers, Map<String, Object> producerSettings,
                        Map<String, Object> adminSettings) {
        ensureTopic(bootstrapServers, adminSettings);
        Map<String, Object> config = new HashMap<>(producerSettings);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "storage-backlog");
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void append(String location, ObjectEncrypted object, int attempt) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.STORAGE_BACKLOG,
                BacklogCodec.key(location), BacklogCodec.encode(object));
        record.headers().add(BacklogCodec.ATTEMPT_HEADER, BacklogCodec.attempt(attempt));
        try {
            producer.send(record).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not queue " + object.objectKey() + " in the backlog of '" + location
                    + "' (" + Topics.STORAGE_BACKLOG + "): " + e.getClass().getSimpleName()
                    + " — is Kafka reachable? The object is redelivered, nothing is lost", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing " + object.objectKey(), e);
        }
    }

    static void ensureTopic(String bootstrapServers, Map<String, Object> adminSettings) {
        Map<String, Object> config = new HashMap<>(adminSettings);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            NewTopic topic = new NewTopic(Topics.STORAGE_BACKLOG, Optional.of(4), Optional.empty())
                    .configs(Map.of("max.message.bytes", String.valueOf(MAX_RECORD_BYTES),
                            // a location may be down this long and still catch up from here; after that, repair
                            "retention.ms", String.valueOf(RETENTION.toMillis())));
            admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + Topics.STORAGE_BACKLOG + " on "
                        + bootstrapServers + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer while creating "
                    + Topics.STORAGE_BACKLOG, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
