package org.chtbackup.collector;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.chtbackup.collector.appends.AppendReadMetrics;
import org.chtbackup.collector.appends.AppendReadSettings;
import org.chtbackup.collector.chunking.ChunkIds;
import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.dedup.ChunkIndex;
import org.chtbackup.collector.dedup.ReleasedPacks;
import org.chtbackup.collector.dedup.SignedStoredEvents;
import org.chtbackup.collector.dedup.StoredAcknowledgements;
import org.chtbackup.collector.discovery.ConfiguredPathsDiscovery;
import org.chtbackup.collector.discovery.DockerDiscovery;
import org.chtbackup.collector.discovery.HostLayout;
import org.chtbackup.collector.livestats.CouchDbStatistics;
import org.chtbackup.collector.packing.PackSettings;
import org.chtbackup.collector.plan.SnapshotPlanner;
import org.chtbackup.collector.reporting.KafkaSnapshotEvents;
import org.chtbackup.collector.schedule.ChangeWatch;
import org.chtbackup.collector.schedule.CronSchedule;
import org.chtbackup.collector.sealing.MessageLimits;
import org.chtbackup.collector.sealing.SealedPartPublisher;
import org.chtbackup.collector.snapshot.HostLock;
import org.chtbackup.collector.snapshot.SnapshotRunner;
import org.chtbackup.collector.snapshot.SnapshotStages;
import org.chtbackup.collector.snapshot.SnapshotTrigger;
import org.chtbackup.contracts.events.PacksReleased;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.sealing.Sealer;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.chtbackup.contracts.signing.EventSigningKeys;
import org.chtbackup.contracts.signing.EventVerifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the snapshot stages from {@link CollectorProperties}. */
@Configuration(proxyBeanMethods = false)
class CollectorConfiguration {

    @Bean
    ChunkIds chunkIds(CollectorProperties props) {
        return new ChunkIds(Base64.getDecoder().decode(props.dedupKey()));
    }

    @Bean
    ChunkIndex chunkIndex(CollectorProperties props, ChunkIds ids) {
        return ChunkIndex.open(stateDir(props).resolve("chunk-index"), ids.keyFingerprint());
    }

    @Bean
    StoredAcknowledgements storedAcknowledgements(CollectorProperties props, ChunkIndex index) {
        return new StoredAcknowledgements(props.deploymentId(), stateDir(props), index, props.requiredLocations());
    }

    /**
     * Consumes {@code cht-backup.snapshots-stored}: one event per location that stored a snapshot, acted on only
     * when storage signed it.
     */
    @Bean
    Consumer<SnapshotStored> snapshotStored(CollectorProperties props, StoredAcknowledgements acks,
                                            MeterRegistry meters) {
        return new SignedStoredEvents(props.deploymentId(), new EventVerifier(
                EventSigningKeys.decode(props.storageEventKey(), "collector.storage-event-key")), acks::stored, meters);
    }

    /** Consumes {@code cht-backup.packs-released}: packs prune marked or deleted, whose chunks must be re-sent. */
    @Bean
    Consumer<PacksReleased> packsReleased(CollectorProperties props, ChunkIndex index) {
        return new ReleasedPacks(props.deploymentId(), index)::released;
    }

    @Bean(destroyMethod = "close")
    DockerClient dockerClient(CollectorProperties props) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(props.docker().host()).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig()).connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60)).build();
        return DockerClientImpl.getInstance(config, http);
    }

    /**
     * The producer of the data path. It reads the same settings as the binder's clients ({@code spring.kafka.*},
     * including security) with the binder's brokers, plus what large pipelined records need.
     */
    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> partsProducer(KafkaProperties kafka,
                                           @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
                                           CollectorProperties props) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, props.kafkaMaxMessageBytes());
        // One reusable batch buffer per pack in flight and one for the pack being sealed, no more: the in-flight
        // bound is the memory bound.
        int batch = MessageLimits.producerBatchBytes(packSettings(props), chunkSizes(props));
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, batch);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, (long) batch * (props.sending().maxInFlight() + 1));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        // Payloads are compressed and sealed already: Kafka compression would only cost CPU.
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "collector-" + props.deploymentId() + "-parts");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Bean
    SnapshotRunner snapshotRunner(CollectorProperties props, StreamBridge bridge, ChunkIds ids, ChunkIndex index,
                                  StoredAcknowledgements acks, DockerClient docker,
                                  Producer<byte[], byte[]> partsProducer) {
        ConfiguredPathsDiscovery configured = new ConfiguredPathsDiscovery(props.hostRoot(), props.envFile(),
                props.tlsDir(), props.couchdbConfigDir(), props.couchdbUrl());
        java.util.function.Supplier<HostLayout> discovery = configured::discover;
        if (props.docker().enabled()) {
            discovery = new DockerDiscovery(docker, props.hostRoot(), props.envFile(), props.composeProject(),
                    props.couchdbUrl(), stateDir(props), configured)::discover;
        }
        ChunkSizes sizes = chunkSizes(props);
        PackSettings packing = packSettings(props);
        MessageLimits.check(packing, sizes, props.kafkaMaxMessageBytes());
        Sealer sealer = new Sealer(SealingKeys.decode(props.sealingPublicKey()), senderKey(props));
        Clock clock = Clock.systemUTC();
        CouchDbStatistics stats = new CouchDbStatistics(clock, Duration.ofSeconds(30));
        return new SnapshotRunner(props.deploymentId(), new SnapshotStages(discovery, new SnapshotPlanner(),
                stats::read, ids, sizes, packing,
                new SealedPartPublisher(sealer, partsProducer, props.sending().maxInFlight()), index, acks,
                new KafkaSnapshotEvents(bridge), new HostLock(stateDir(props)), clock, props.kafkaMaxMessageBytes(),
                new AppendReadSettings(props.appendReads().enabled(), props.appendReads().fullReadEvery())));
    }

    private static ChunkSizes chunkSizes(CollectorProperties props) {
        return new ChunkSizes(props.chunking().min(), props.chunking().average(), props.chunking().max());
    }

    private static PackSettings packSettings(CollectorProperties props) {
        return new PackSettings(props.packing().targetBytes(), props.packing().zstdLevel(),
                props.packing().zstdTuning());
    }

    /** {@code cht_backup_collector_append_mismatches_total}: the alert that the append shortcut missed a change. */
    @Bean
    MeterBinder appendReadMetrics(CollectorProperties props, SnapshotRunner runner) {
        return registry -> AppendReadMetrics.register(registry, props.deploymentId(), runner,
                SnapshotRunner::appendMismatches);
    }

    @Bean(destroyMethod = "close")
    SnapshotTrigger snapshotTrigger(SnapshotRunner runner) {
        return new SnapshotTrigger(runner);
    }

    @Bean
    @ConditionalOnExpression("'${collector.schedule:}' != ''")
    CronSchedule cronSchedule(CollectorProperties props, SnapshotTrigger trigger) {
        return new CronSchedule(props.schedule(), trigger, Clock.systemDefaultZone());
    }

    @Bean
    @ConditionalOnExpression("${collector.rpo.enabled:true}")
    ChangeWatch changeWatch(CollectorProperties props, SnapshotRunner runner, SnapshotTrigger trigger) {
        CouchDbStatistics stats = new CouchDbStatistics(Clock.systemUTC(), Duration.ofSeconds(30));
        return new ChangeWatch(props.rpo().target(), props.rpo().poll(), runner::lastRun,
                couchdb -> SnapshotRunner.sequences(stats.read(couchdb)), trigger::start, Clock.systemUTC());
    }

    private static byte[] senderKey(CollectorProperties props) {
        try {
            return SealingKeys.decode(props.senderKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("collector.sender-key: " + e.getMessage());
        }
    }

    /** Each deployment keeps its own state, so one folder may serve several collectors under test. */
    private static Path stateDir(CollectorProperties props) {
        return props.stateDir().resolve(props.deploymentId());
    }
}
