package org.chtbackup.storage.backlog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.SnapshotLocationStatus;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.location.Location;
import org.chtbackup.storage.writing.MissingChunksException;
import org.chtbackup.storage.writing.ObjectPlacement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * One Kafka consumer per location on the backlog topic, in its own group {@code storage-backlog-<location>}, so
 * each location catches up at its own pace and a dead one holds back only itself. A record is committed only
 * once its object is in the location; until then the consumer waits (doubling up to the maximum) and tries the
 * same record again. A manifest whose chunks are in no location is retried for {@code missing-chunk-wait} (they may
 * still be on their way) and then reported FAILED.
 */
public final class CatchUpConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CatchUpConsumers.class);

    private final List<ConcurrentMessageListenerContainer<byte[], byte[]>> containers = new ArrayList<>();
    private volatile boolean running;

    /** @param consumerSettings the binder's consumer settings ({@code spring.kafka.*}: security, SSL, SASL) */
    public CatchUpConsumers(String bootstrapServers, Map<String, Object> consumerSettings, List<Location> locations,
            ObjectPlacement placement, BacklogSettings settings) {
        for (Location location : locations) {
            List<Location> others = locations.stream().filter(l -> l != location).toList();
            containers.add(container(bootstrapServers, consumerSettings, new CatchUp(location, others, placement),
                    placement, settings));
        }
    }

    private static ConcurrentMessageListenerContainer<byte[], byte[]> container(String bootstrapServers,
            Map<String, Object> consumerSettings, CatchUp catchUp, ObjectPlacement placement,
            BacklogSettings settings) {
        Map<String, Object> config = new HashMap<>(consumerSettings);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "storage-backlog-" + catchUp.location());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A fetch still returns one whole record over these limits: they bound memory to a few packs.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1 << 20);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, KafkaBacklog.MAX_RECORD_BYTES);
        DefaultKafkaConsumerFactory<byte[], byte[]> factory = new DefaultKafkaConsumerFactory<>(config,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());

        ContainerProperties props = new ContainerProperties(Topics.STORAGE_BACKLOG);
        props.setAckMode(ContainerProperties.AckMode.RECORD);
        props.setMessageListener((MessageListener<byte[], byte[]>) record -> {
            if (catchUp.location().equals(BacklogCodec.location(record.key()))) {
                catchUp.apply(BacklogCodec.decode(record.value()));
            }
        });
        ConcurrentMessageListenerContainer<byte[], byte[]> container = new ConcurrentMessageListenerContainer<>(factory,
                props);
        container.setCommonErrorHandler(errorHandler(catchUp.location(), placement, settings));
        container.setBeanName("storage-backlog-" + catchUp.location());
        return container;
    }

    private static DefaultErrorHandler errorHandler(String location, ObjectPlacement placement,
            BacklogSettings settings) {
        ExponentialBackOff whileDown = new ExponentialBackOff(settings.retryInterval().toMillis(), 2.0);
        whileDown.setMaxInterval(settings.maxRetryInterval().toMillis());
        ExponentialBackOff chunksMissing = new ExponentialBackOff(settings.retryInterval().toMillis(), 2.0);
        chunksMissing.setMaxInterval(settings.maxRetryInterval().toMillis());
        chunksMissing.setMaxElapsedTime(settings.missingChunkWait().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, e) -> giveUp(location, placement, record, e), whileDown);
        handler.setBackOffFunction((record, e) -> cause(e) instanceof MissingChunksException ? chunksMissing : null);
        handler.addNotRetryableExceptions(IllegalArgumentException.class, tools.jackson.core.JacksonException.class);
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.DEBUG);
        handler.setRetryListeners((record, e, attempt) -> log.warn("backlog of '{}': attempt {} failed: {}", location,
                attempt, cause(e).getMessage()));
        return handler;
    }

    /** Only a manifest whose chunks are in no location, or a record that cannot be read, ever gets here. */
    private static void giveUp(String location, ObjectPlacement placement, ConsumerRecord<?, ?> record, Exception e) {
        Throwable cause = cause(e);
        if (cause instanceof MissingChunksException && record.value() instanceof byte[] value) {
            ObjectEncrypted manifest = BacklogCodec.decode(value);
            log.error("snapshot {}/{} FAILED in '{}': {} — re-run the snapshot from the collector",
                    manifest.deploymentId(), manifest.snapshotId(), location, cause.getMessage());
            placement.status(manifest, location, SnapshotLocationStatus.Status.FAILED,
                    cause.getMessage() + "; the chunks are in no location — re-run the snapshot");
        } else {
            log.error("backlog record {}-{}@{} for '{}' skipped: {}", record.topic(), record.partition(),
                    record.offset(), location, cause.toString());
        }
    }

    private static Throwable cause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && !(c instanceof MissingChunksException)
                && !(c instanceof org.chtbackup.location.LocationException)) {
            c = c.getCause();
        }
        return c;
    }

    @Override
    public void start() {
        containers.forEach(ConcurrentMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
