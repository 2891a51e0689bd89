package org.chtbackup.storage;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.chtbackup.contracts.events.EventWire;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.signing.EventSigningKeys;
import org.chtbackup.contracts.signing.EventVerifier;
import org.chtbackup.location.LocationSpec;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real parts for storage tests: one embedded KRaft broker per test JVM, storage contexts started on chosen
 * locations, snapshots sent to the objects topic, and the events storage emits collected from Kafka.
 */
final class StorageHarness {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Storage's event-signing pair: tests check that every SnapshotStored leaves signed by it. */
    static final EventSigningKeys EVENT_KEYS = EventSigningKeys.generate();
    private static EmbeddedKafkaKraftBroker broker;

    private StorageHarness() {
    }

    static synchronized String kafka() {
        if (broker == null) {
            broker = new EmbeddedKafkaKraftBroker(1, 8);
            broker.brokerProperty("message.max.bytes", "8388608");
            broker.brokerProperty("replica.fetch.max.bytes", "8388608");
            broker.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        }
        return broker.getBrokersAsString();
    }

    /** Starts storage on {@code locations}, reading objects from {@code objectsTopic}, with fast retries for tests. */
    static ConfigurableApplicationContext start(String objectsTopic, List<LocationSpec> locations) {
        return start(objectsTopic, locations, List.of());
    }

    /** As above, plus {@code extraArgs} ({@code --key=value}) for settings the defaults here do not set. */
    static ConfigurableApplicationContext start(String objectsTopic, List<LocationSpec> locations,
            List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka(),
                "--spring.cloud.stream.bindings.storeObject-in-0.destination=" + objectsTopic,
                "--storage.resilience.initial-backoff=50ms",
                "--storage.resilience.open-duration=1s",
                "--storage.resilience.write-timeout=10s",
                "--storage.backlog.retry-interval=200ms",
                "--storage.backlog.max-retry-interval=1s",
                "--storage.event-signing-key=" + EventSigningKeys.encode(EVENT_KEYS.privateKey())));
        for (LocationSpec spec : locations) {
            String p = "--storage.locations." + spec.name() + ".";
            args.add(p + "kind=" + spec.kind());
            if (spec.kind() == LocationSpec.Kind.S3) {
                args.add(p + "endpoint=" + spec.endpoint());
                args.add(p + "bucket=" + spec.bucket());
                args.add(p + "access-key=" + spec.accessKey());
                args.add(p + "secret-key=" + spec.secretKey());
            } else {
                args.add(p + "path=" + spec.path());
            }
            args.add(p + "media=" + spec.media());
            args.add(p + "offsite=" + spec.offsite());
        }
        args.addAll(extraArgs);
        return StorageApplication.application().run(args.toArray(String[]::new));
    }

    static LocationSpec directory(String name, java.nio.file.Path path) {
        return new LocationSpec(name, LocationSpec.Kind.FILESYSTEM, null, null, null, null, null, path, "disk", false);
    }

    /** A snapshot's objects: random chunks, chunk list pieces (if any), then a manifest naming them. */
    record Snapshot(String deploymentId, String snapshotId, List<ObjectEncrypted> chunks, List<ObjectEncrypted> pieces,
                    ObjectEncrypted manifest) {

        /** A snapshot whose manifest names its chunks through pieces of at most {@code perPiece} keys (format 2). */
        static Snapshot pieced(String deploymentId, String snapshotId, int chunkCount, int perPiece) {
            Snapshot plain = random(deploymentId, snapshotId, chunkCount);
            String manifestId = ObjectLayout.manifestId(Instant.now(), snapshotId);
            List<String> keys = plain.chunks().stream().map(ObjectEncrypted::objectKey).toList();
            List<ObjectEncrypted> pieces = new ArrayList<>();
            for (int n = 0; n * perPiece < keys.size(); n++) {
                pieces.add(new ObjectEncrypted(ObjectEncrypted.VERSION, deploymentId, snapshotId, PartKind.PACK_LIST,
                        ObjectLayout.chunkListKey(deploymentId, ObjectLayout.chunkListId(manifestId, n)),
                        keys.subList(n * perPiece, Math.min(keys.size(), (n + 1) * perPiece)), 0, new byte[] {1, 2, 3}));
            }
            ObjectEncrypted manifest = new ObjectEncrypted(ObjectEncrypted.VERSION, deploymentId, snapshotId,
                    PartKind.MANIFEST, ObjectLayout.manifestKey(deploymentId, manifestId), List.of(),
                    pieces.size(), ("head of " + snapshotId).getBytes(StandardCharsets.UTF_8));
            return new Snapshot(deploymentId, snapshotId, plain.chunks(), pieces, manifest);
        }

        static Snapshot random(String deploymentId, String snapshotId, int chunkCount) {
            SecureRandom random = new SecureRandom();
            List<ObjectEncrypted> chunks = new ArrayList<>();
            for (int i = 0; i < chunkCount; i++) {
                byte[] id = new byte[32];
                random.nextBytes(id);
                byte[] body = new byte[1000 + random.nextInt(20000)];
                random.nextBytes(body);
                chunks.add(new ObjectEncrypted(ObjectEncrypted.VERSION, deploymentId, snapshotId, PartKind.PACK,
                        ObjectLayout.packKey(deploymentId, HexFormat.of().formatHex(id)), List.of(), 0, body));
            }
            String manifestKey = ObjectLayout.manifestKey(deploymentId, ObjectLayout.manifestId(Instant.now(), snapshotId));
            ObjectEncrypted manifest = new ObjectEncrypted(ObjectEncrypted.VERSION, deploymentId, snapshotId,
                    PartKind.MANIFEST, manifestKey, chunks.stream().map(ObjectEncrypted::objectKey).toList(),
                    0, ("manifest of " + snapshotId).getBytes(StandardCharsets.UTF_8));
            return new Snapshot(deploymentId, snapshotId, chunks, List.of(), manifest);
        }

        List<ObjectEncrypted> all() {
            List<ObjectEncrypted> all = new ArrayList<>(chunks);
            all.addAll(pieces);
            all.add(manifest);
            return all;
        }
    }

    static void send(String topic, List<ObjectEncrypted> objects) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8388608), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ObjectEncrypted o : objects) {
                String key = o.kind() == PartKind.PACK ? ObjectLayout.packIdOf(o.objectKey()) : o.deploymentId();
                producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                        EventWire.encode(o))).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("sending test objects failed", e);
        }
    }

    /** Every event storage emitted on {@code topic} for {@code deploymentId}, read from the start in the background. */
    static final class Events implements AutoCloseable {

        final List<JsonNode> seen = new CopyOnWriteArrayList<>();
        private final Thread reader;
        private volatile boolean open = true;

        Events(String topic, String deploymentId) {
            reader = new Thread(() -> {
                try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka(),
                        ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic + "-" + deploymentId + "-" + System.nanoTime(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
                    consumer.subscribe(List.of(topic));
                    while (open) {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                            JsonNode event = JSON.readTree(r.value());
                            // A SnapshotStored counts only if storage signed it: what a collector accepts.
                            if (deploymentId.equals(event.path("deploymentId").asString())
                                    && (!topic.equals(Topics.SNAPSHOTS_STORED) || JSON.readValue(r.value(),
                                    SnapshotStored.class).isSignedFor(new EventVerifier(EVENT_KEYS.publicKey())))) {
                                seen.add(event);
                            }
                        });
                    }
                }
            }, "test-events-" + topic);
            reader.setDaemon(true);
            reader.start();
        }

        static Events stored(String deploymentId) {
            return new Events(Topics.SNAPSHOTS_STORED, deploymentId);
        }

        static Events status(String deploymentId) {
            return new Events(Topics.SNAPSHOT_STATUS, deploymentId);
        }

        boolean any(Predicate<JsonNode> test) {
            return seen.stream().anyMatch(test);
        }

        static Predicate<JsonNode> at(String location) {
            return e -> location.equals(e.path("location").asString());
        }

        static Predicate<JsonNode> status(String location, String status) {
            return e -> location.equals(e.path("location").asString()) && status.equals(e.path("status").asString());
        }

        @Override
        public void close() {
            open = false;
        }
    }

    /** Waits until {@code condition} holds, failing after {@code limit} with {@code what}. Not a timing assertion. */
    static void await(String what, Duration limit, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("gave up waiting after " + limit + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting: " + what);
            }
        }
    }
}
