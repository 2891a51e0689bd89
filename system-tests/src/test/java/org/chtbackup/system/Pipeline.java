package org.chtbackup.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.collector.CollectorApplication;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.chtbackup.contracts.signing.EventSigningKeys;
import org.chtbackup.crypto.CryptoApplication;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.chtbackup.location.testing.TestS3Server;
import org.chtbackup.storage.StorageApplication;
import org.chtbackup.verify.VerifyApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.chtbackup.contracts.testing.SharedFixtures;

/**
 * The whole system in one JVM, on real parts: a Kafka broker, two S3 servers and a directory as the three
 * locations, and the four services as separate Spring contexts talking only through Kafka. Started once per
 * test JVM and shared, because starting it is the slow part.
 */
final class Pipeline implements AutoCloseable {

    static final String DEPLOYMENT = "clinic-1";

    private static Pipeline shared;
    /** The services' shared {@code cht-backup.api.token}: HTTP operations need it. */
    static final String API_TOKEN = "pipeline-api-token";

    final Path work;
    final Path keys;
    final KafkaProvider kafka;
    final TestS3Server primaryServer;
    final TestS3Server offsiteServer;
    final Map<String, LocationSpec> locations = new LinkedHashMap<>();
    final SealingKeys sealing;
    /** Storage's event-signing pair; collectors get its public half. */
    final EventSigningKeys storageEvents = EventSigningKeys.generate();
    /** crypto.sender-keys-dir: a deployment's public sender key is registered here by {@link #sender}. */
    final Path senders;
    private final Map<String, SealingKeys> senderKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private final int maxMessageBytes;
    private final boolean ownsKafka;
    final PGPSecretKeyRing ops;
    final PGPSecretKeyRing signer;
    final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    ConfigurableApplicationContext collector;
    ConfigurableApplicationContext storage;
    ConfigurableApplicationContext verify;

    static synchronized Pipeline shared() {
        if (shared == null) {
            shared = new Pipeline();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** 16 MiB messages, as the services' topics are made; small packs, so even the fixture host makes several. */
    private Pipeline() {
        this(16 * 1024 * 1024, "collector.packing.target-bytes=262144");
    }

    /**
     * A separate pipeline whose broker and collector allow messages of at most {@code maxMessageBytes}, with the
     * collector's extra {@code collectorSettings} (e.g. tiny chunk sizes). The caller closes it.
     */
    static Pipeline withMessageLimit(int maxMessageBytes, String... collectorSettings) {
        return new Pipeline(maxMessageBytes, SharedFixtures.chtHost(), collectorSettings);
    }

    /** As {@link #withMessageLimit(int, String...)}, backing up the host at {@code hostRoot}. */
    static Pipeline withMessageLimit(int maxMessageBytes, Path hostRoot, String... collectorSettings) {
        return new Pipeline(maxMessageBytes, hostRoot, collectorSettings);
    }

    /** A separate pipeline backing up {@code hostRoot}, with extra storage and collector settings. */
    static Pipeline withSettings(Path hostRoot, List<String> storageSettings, String... collectorSettings) {
        return new Pipeline(16 * 1024 * 1024, hostRoot, storageSettings, collectorSettings);
    }

    /**
     * A separate pipeline on {@code broker} (which the caller closes), every service given the broker's
     * {@code spring.kafka.*} settings: e.g. a broker that requires SASL_SSL.
     */
    static Pipeline onBroker(KafkaProvider broker) {
        return new Pipeline(16 * 1024 * 1024, SharedFixtures.chtHost(), List.of(), broker,
                "collector.packing.target-bytes=262144");
    }

    private Pipeline(int maxMessageBytes, String... collectorSettings) {
        this(maxMessageBytes, SharedFixtures.chtHost(), collectorSettings);
    }

    private Pipeline(int maxMessageBytes, Path hostRoot, String... collectorSettings) {
        this(maxMessageBytes, hostRoot, List.of(), collectorSettings);
    }

    private Pipeline(int maxMessageBytes, Path hostRoot, List<String> storageSettings, String... collectorSettings) {
        this(maxMessageBytes, hostRoot, storageSettings, null, collectorSettings);
    }

    private Pipeline(int maxMessageBytes, Path hostRoot, List<String> storageSettings, KafkaProvider broker,
                     String... collectorSettings) {
        this.maxMessageBytes = maxMessageBytes;
        this.ownsKafka = broker == null;
        try {
            work = Files.createTempDirectory("cht-backup-system-");
            keys = Files.createDirectories(work.resolve("keys"));
            senders = Files.createDirectories(keys.resolve("senders"));
            sealing = SealingKeys.generate();
            SealingKeys.writePrivateKey(keys.resolve("sealing.key"), sealing.privateKey());
            signer = KeyRing.generateSigningKey("test crypto service", null);
            KeyRing.save(keys.resolve("signing.asc"), signer);
            KeyRing.save(keys.resolve("signing.pub.asc"), KeyRing.publicRing(signer));
            ops = KeyRing.generateRecipientKey("test ops", null);
            KeyRing.save(keys.resolve("ops.asc"), ops);
            KeyRing.save(keys.resolve("ops.pub.asc"), KeyRing.publicRing(ops));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka = broker != null ? broker : KafkaProvider.start(maxMessageBytes);
        primaryServer = TestS3Server.start(work.resolve("s3-primary"));
        offsiteServer = TestS3Server.start(work.resolve("s3-offsite"));
        locations.put("primary", primaryServer.location("primary", "cht-primary", false));
        locations.put("offsite", offsiteServer.location("offsite", "cht-offsite", true));
        locations.put("nas", new LocationSpec("nas", LocationSpec.Kind.FILESYSTEM, null, null, null, null, null,
                work.resolve("nas"), "disk", false));
        System.out.println("pipeline on " + kafka.kind() + " and " + primaryServer.kind() + " in " + work);

        List<String> locationArgs = new ArrayList<>();
        locations.forEach((name, spec) -> {
            locationArgs.add("locations." + name + ".kind=" + spec.kind());
            if (spec.kind() == LocationSpec.Kind.S3) {
                locationArgs.add("locations." + name + ".endpoint=" + spec.endpoint());
                locationArgs.add("locations." + name + ".bucket=" + spec.bucket());
                locationArgs.add("locations." + name + ".access-key=" + spec.accessKey());
                locationArgs.add("locations." + name + ".secret-key=" + spec.secretKey());
            } else {
                locationArgs.add("locations." + name + ".path=" + spec.path());
            }
            locationArgs.add("locations." + name + ".offsite=" + spec.offsite());
        });

        contexts.add(start(CryptoApplication.application(),
                "crypto.sealing-private-key-file=" + keys.resolve("sealing.key"),
                "crypto.sender-keys-dir=" + senders,
                "crypto.recipient-key-files=" + keys.resolve("ops.pub.asc"),
                "crypto.signing-key-file=" + keys.resolve("signing.asc")));
        List<String> storage = new ArrayList<>();
        locationArgs.forEach(a -> storage.add("storage." + a));
        storage.add("storage.event-signing-key=" + EventSigningKeys.encode(storageEvents.privateKey()));
        storage.addAll(storageSettings);
        this.storage = start(StorageApplication.application(), storage.toArray(String[]::new));
        contexts.add(this.storage);
        List<String> verifyArgs = new ArrayList<>(List.of(
                "verify.decryption-key-files=" + keys.resolve("ops.asc"),
                "verify.trusted-signer-files=" + keys.resolve("signing.pub.asc"),
                "verify.scratch-dir=" + work.resolve("scratch"),
                "verify.report-dir=" + work.resolve("reports"),
                "verify.data-dir=" + work.resolve("verify-data"),
                "verify.keep-restored=true"));
        locationArgs.forEach(a -> verifyArgs.add("verify." + a));
        verify = start(VerifyApplication.application(), verifyArgs.toArray(String[]::new));
        contexts.add(verify);
        List<String> collectorArgs = collectorSettings(DEPLOYMENT, hostRoot, work.resolve("collector-state"));
        collectorArgs.addAll(List.of(collectorSettings));
        collector = start(CollectorApplication.application(), collectorArgs.toArray(String[]::new));
        contexts.add(collector);
    }

    /**
     * What a collector of {@code deployment} needs to back up {@code hostRoot} into this pipeline (without the
     * {@code --}), with a fresh dedup key and its own state folder.
     */
    List<String> collectorSettings(String deployment, Path hostRoot, Path stateDir) {
        byte[] dedup = new byte[32];
        new SecureRandom().nextBytes(dedup);
        return new ArrayList<>(List.of(
                "collector.deployment-id=" + deployment,
                "collector.host-root=" + hostRoot,
                "collector.env-file=/home/ubuntu/cht/upgrade-service/.env",
                "collector.tls-dir=/nginx-private",
                // The fixture is files, not containers: other tests' labelled containers must not be found.
                "collector.docker.enabled=false",
                "collector.state-dir=" + stateDir,
                // snapshots in these tests are asked for; a change-driven one would race them
                "collector.rpo.enabled=false",
                "collector.dedup-key=" + Base64.getEncoder().encodeToString(dedup),
                "collector.sealing-public-key=" + SealingKeys.encode(sealing.publicKey()),
                "collector.sender-key=" + SealingKeys.encode(sender(deployment).privateKey()),
                "collector.storage-event-key=" + EventSigningKeys.encode(storageEvents.publicKey()),
                "collector.kafka-max-message-bytes=" + maxMessageBytes));
    }

    /** The sender key pair of {@code deployment}, registered with crypto (as {@code keys sender} does) on first use. */
    SealingKeys sender(String deployment) {
        return senderKeys.computeIfAbsent(deployment, d -> {
            SealingKeys pair = SealingKeys.generate();
            try {
                SealingKeys.writePublicKey(senders.resolve(d + ".pub"), pair.publicKey());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return pair;
        });
    }

    private ConfigurableApplicationContext start(SpringApplication app, String... settings) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        args.add("--cht-backup.api.token=" + API_TOKEN);
        args.add("--spring.cloud.stream.kafka.binder.brokers=" + kafka.bootstrapServers());
        kafka.springSettings().forEach(s -> args.add("--" + s));
        for (String s : settings) {
            args.add("--" + s);
        }
        return app.run(args.toArray(String[]::new));
    }

    Location location(String name) {
        return locations.get(name).open();
    }

    @Override
    public synchronized void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            try {
                contexts.get(i).close();
            } catch (RuntimeException e) {
                System.err.println("closing a service failed: " + e);
            }
        }
        contexts.clear();
        primaryServer.close();
        offsiteServer.close();
        if (ownsKafka) {
            kafka.close();
        }
    }
}
