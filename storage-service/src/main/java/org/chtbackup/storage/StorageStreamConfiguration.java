package org.chtbackup.storage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.events.EventWire;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PacksReleased;
import org.chtbackup.contracts.events.SnapshotLocationStatus;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.signing.EventSigner;
import org.chtbackup.contracts.signing.EventSigningKeys;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationException;
import org.chtbackup.location.LocationSpec;
import org.chtbackup.storage.backlog.CatchUpConsumers;
import org.chtbackup.storage.backlog.KafkaBacklog;
import org.chtbackup.storage.policy.PlacementPolicy;
import org.chtbackup.storage.policy.PolicyReport;
import org.chtbackup.storage.repair.SnapshotRepair;
import org.chtbackup.storage.resilience.ResilientLocation;
import org.chtbackup.storage.retention.PackReleases;
import org.chtbackup.storage.retention.Pruner;
import org.chtbackup.storage.status.LocationMetrics;
import org.chtbackup.storage.status.StatusBoard;
import org.chtbackup.storage.writing.ChunkActivity;
import org.chtbackup.storage.writing.DeploymentLocks;
import org.chtbackup.storage.writing.ObjectPlacement;
import org.chtbackup.storage.writing.ObjectWriter;
import org.chtbackup.storage.writing.SnapshotEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Binds {@code storeObject} (objects in), {@code repairAfterFailedDrill} (drills in), {@code snapshotStored-out-0}
 * and {@code snapshotStatus-out-0}; starts one backlog catch-up consumer per location.
 */
@Configuration(proxyBeanMethods = false)
class StorageStreamConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageStreamConfiguration.class);

    @Bean
    PolicyReport placementPolicy(StorageProperties props) {
        List<LocationSpec> specs = props.locations().entrySet().stream()
                .map(e -> e.getValue().toSpec(e.getKey())).toList();
        PolicyReport report = PlacementPolicy.check(specs);
        if (report.satisfied()) {
            log.info(report.summary());
        } else if (props.enforcePolicy()) {
            throw new IllegalStateException(report.summary() + " — storage.enforce-policy=true refuses to start");
        } else {
            log.warn(report.summary());
        }
        return report;
    }

    @Bean
    List<ResilientLocation> locations(StorageProperties props) {
        return props.locations().entrySet().stream()
                .map(e -> new ResilientLocation(e.getValue().toSpec(e.getKey()).open(), props.resilience()))
                .toList();
    }

    /**
     * Each location's first-write checks (its bucket, conditional puts) at start, on a thread of their own, rather
     * than inside the first snapshot: a wrong bucket or credentials show in the log at once, and the first snapshot
     * does not pay for the S3 client's first error responses (it parses each with a fresh XML binder, loading its
     * classes). A location that fails is only logged: its first write checks again.
     */
    @Bean
    ApplicationRunner prepareLocations(List<ResilientLocation> locations) {
        return args -> {
            Thread t = new Thread(() -> locations.forEach(location -> {
                try {
                    location.prepare();
                    log.info("location '{}' ready", location.name());
                } catch (LocationException e) {
                    log.warn("location '{}' not ready at start ({}): its first write checks again", location.name(),
                            e.getMessage());
                }
            }), "storage-prepare");
            t.setDaemon(true);
            t.start();
        };
    }

    @Bean
    StatusBoard statusBoard(StreamBridge bridge, MeterRegistry meters, List<ResilientLocation> locations,
                            StorageProperties props) {
        EventSigner signer = new EventSigner(EventSigningKeys.decode(props.eventSigningKey(), "storage.event-signing-key"));
        log.info("signing SnapshotStored events with key {}", signer.fingerprint());
        StatusBoard board = statusBoard(bridge, signer);
        LocationMetrics.register(meters, board, locations.stream().map(ResilientLocation::name).toList());
        return board;
    }

    /** Every {@code SnapshotStored} leaves signed, whoever made it: placement, repair or a catch-up. */
    private static StatusBoard statusBoard(StreamBridge bridge, EventSigner signer) {
        return new StatusBoard(new SnapshotEvents() {
            @Override
            public void stored(SnapshotStored event) {
                send(bridge, "snapshotStored-out-0", event.deploymentId(), event.signedBy(signer));
            }

            @Override
            public void status(SnapshotLocationStatus event) {
                send(bridge, "snapshotStatus-out-0", event.deploymentId(), event);
            }
        });
    }

    private static void send(StreamBridge bridge, String binding, String key, Object event) {
        boolean sent = bridge.send(binding, MessageBuilder.withPayload(event)
                .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8)).build());
        if (!sent) {
            throw new IllegalStateException("Kafka did not accept " + event + " on " + binding);
        }
    }

    @Bean
    DeploymentLocks deploymentLocks() {
        return new DeploymentLocks();
    }

    @Bean
    ChunkActivity chunkActivity() {
        return new ChunkActivity();
    }

    @Bean
    ObjectPlacement objectPlacement(StatusBoard events, DeploymentLocks locks, ChunkActivity activity) {
        return new ObjectPlacement(events, locks, activity, Clock.systemUTC());
    }

    /** Reads the same {@code spring.kafka.*} settings (security included) as the binder's clients. */
    @Bean(destroyMethod = "close")
    KafkaBacklog backlog(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, KafkaProperties kafka) {
        return new KafkaBacklog(brokers, kafka.buildProducerProperties(), kafka.buildAdminProperties());
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService locationWriters() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "storage-write-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    ObjectWriter objectWriter(List<ResilientLocation> locations, ObjectPlacement placement, KafkaBacklog backlog,
            ExecutorService locationWriters, StorageProperties props) {
        return new ObjectWriter(List.<Location>copyOf(locations), placement, backlog, locationWriters,
                props.resilience().writeTimeout(), props.backlog().manifestWait());
    }

    @Bean
    CatchUpConsumers catchUpConsumers(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            KafkaProperties kafka, List<ResilientLocation> locations, ObjectPlacement placement,
            StorageProperties props) {
        return new CatchUpConsumers(brokers, kafka.buildConsumerProperties(), List.<Location>copyOf(locations),
                placement, props.backlog());
    }

    @Bean
    SnapshotRepair snapshotRepair(List<ResilientLocation> locations, StatusBoard events) {
        return new SnapshotRepair(List.<Location>copyOf(locations), events, Clock.systemUTC());
    }

    @Bean
    Pruner pruner(List<ResilientLocation> locations, StorageProperties props, DeploymentLocks locks,
            ChunkActivity activity, StreamBridge bridge) {
        PackReleases releases = (deploymentId, location, packIds) -> send(bridge, "packsReleased-out-0", deploymentId,
                new PacksReleased(PacksReleased.VERSION, deploymentId, location, packIds, Instant.now()));
        return new Pruner(List.<Location>copyOf(locations), props.retention(), locks, activity, Clock.systemUTC(),
                releases);
    }

    /**
     * Binary object records (EventWire) in; a record that does not parse is dead-lettered with the reason. A thread
     * reads one partition once the group has settled, but several while it forms (Kafka hands every partition to
     * the first consumer that joins) or when partitions outnumber threads: then a manifest must not wait on it.
     */
    @Bean
    Consumer<Message<byte[]>> storeObject(ObjectWriter writer) {
        return message -> {
            org.apache.kafka.clients.consumer.Consumer<?, ?> consumer = message.getHeaders()
                    .get(KafkaHeaders.CONSUMER, org.apache.kafka.clients.consumer.Consumer.class);
            // Called on the consumer's own thread, the only one allowed to ask it.
            boolean readsOnePartition = consumer == null || consumer.assignment().size() <= 1;
            writer.write(EventWire.decodeObject(message.getPayload()), readsOnePartition);
        };
    }

    /** A drill that failed in one location may be a damaged copy there: repair that snapshot from the others. */
    @Bean
    Consumer<DrillCompleted> repairAfterFailedDrill(SnapshotRepair repair) {
        return drill -> {
            if (drill.result() == DrillCompleted.Result.FAIL) {
                log.info("drill {} of {}/{} failed in '{}': repairing the snapshot", drill.drillId(),
                        drill.deploymentId(), drill.snapshotId(), drill.location());
                repair.repair(drill.deploymentId(), drill.snapshotId());
            }
        };
    }
}
