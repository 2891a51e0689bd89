package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.chtbackup.contracts.signing.EventSigningKeys;
import org.chtbackup.contracts.testing.Requirements;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.chtbackup.location.testing.TestS3Server;
import org.chtbackup.verify.cli.RestoreTool;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline with every part a fault can hit as its own process: a standalone Kafka broker (kafka.Kafka on the
 * infra module's jars), crypto, storage and the collector (the jars `mvn package` builds), beside two s3proxy
 * servers and a NAS folder. Each can be killed with SIGKILL and started again on the same ports and state.
 * The outcome of a fault is read from the locations themselves: the snapshot's manifest in each, once, and a restore
 * from each that gives back the host's files byte for byte.
 */
final class FaultStack implements AutoCloseable {

    static final String DEPLOYMENT = "clinic-faults";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Path work;
    final Path host;
    final ChildProcess kafka;
    final ChildProcess crypto;
    final ChildProcess storage;
    final ChildProcess collector;
    /** Drills every stored snapshot and asks storage for repairs; null unless the stack was built with it. */
    final ChildProcess verify;
    /** Verify's reports: {@code <deployment>/<drillId>.json}. */
    final Path reports;
    final List<LocationSpec> locations = new ArrayList<>();
    private final TestS3Server primary;
    private final TestS3Server offsite;
    /** Between storage and the primary S3 server, when asked for: tests switch it to errors or slowness. */
    final FaultyProxy primaryProxy;
    private final int collectorPort;
    private final int verifyPort;
    private final java.util.Map<String, Integer> servicePorts = new java.util.LinkedHashMap<>();
    private final Path keys;
    private final List<ChildProcess> running = new ArrayList<>();
    private final List<LeakScan.Needle> secrets = new ArrayList<>();

    FaultStack(Path work, Path host) throws IOException, InterruptedException {
        this(work, host, false, null, false);
    }

    /**
     * @param proxyPrimary storage reaches the primary S3 server through {@link #primaryProxy}
     * @param nas          the NAS location's folder (for instance a small file system that fills up); null: in work
     * @param withVerify   also run verify, which drills each stored snapshot from each location (no scratch CouchDB
     *                     here, so a sound drill is INCOMPLETE for the boot check only) and asks storage to repair
     */
    FaultStack(Path work, Path host, boolean proxyPrimary, Path nas, boolean withVerify)
            throws IOException, InterruptedException {
        this.work = work;
        this.host = host;
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path kafkaLib = repository.resolve("infra/target/kafka-lib");
        Requirements.require(Files.isDirectory(kafkaLib), "the Kafka broker's jars are not in " + kafkaLib
                + " (the infra module builds them: run ./mvnw package or verify from the repository root)");
        Path logs = Files.createDirectories(work.resolve("logs"));
        keys = Files.createDirectories(work.resolve("keys"));
        SealingKeys sealing = SealingKeys.generate();
        SealingKeys.writePrivateKey(keys.resolve("sealing.key"), sealing.privateKey());
        SealingKeys sender = SealingKeys.generate();
        Path senders = Files.createDirectories(keys.resolve("senders"));
        SealingKeys.writePublicKey(senders.resolve(DEPLOYMENT + ".pub"), sender.publicKey());
        PGPSecretKeyRing signer = KeyRing.generateSigningKey("faults crypto", null);
        KeyRing.save(keys.resolve("signing.asc"), signer);
        KeyRing.save(keys.resolve("signing.pub.asc"), KeyRing.publicRing(signer));
        PGPSecretKeyRing ops = KeyRing.generateRecipientKey("faults ops", null);
        KeyRing.save(keys.resolve("ops.asc"), ops);
        KeyRing.save(keys.resolve("ops.pub.asc"), KeyRing.publicRing(ops));
        EventSigningKeys events = EventSigningKeys.generate();
        secrets.add(new LeakScan.Needle("the sealing private key", SealingKeys.encode(sealing.privateKey())));
        secrets.add(new LeakScan.Needle("the sender private key", SealingKeys.encode(sender.privateKey())));
        secrets.add(new LeakScan.Needle("the event-signing key", EventSigningKeys.encode(events.privateKey())));
        secrets.add(new LeakScan.Needle("the API token", Pipeline.API_TOKEN));
        String env = Files.readString(host.resolve("home/ubuntu/cht/upgrade-service/.env"));
        java.util.regex.Matcher password = java.util.regex.Pattern.compile("(?m)^COUCHDB_PASSWORD=(.+)$").matcher(env);
        if (password.find()) {
            secrets.add(new LeakScan.Needle("the host's COUCHDB_PASSWORD", password.group(1).strip()));
        }
        String key = Files.readString(host.resolve("nginx-private/key.pem"));
        key.lines().filter(l -> l.length() > 40 && !l.startsWith("-----")).findFirst()
                .ifPresent(line -> secrets.add(new LeakScan.Needle("the host's TLS private key", line)));

        int kafkaPort = ChildProcess.freePort();
        int controllerPort = ChildProcess.freePort();
        Path kafkaDir = Files.createDirectories(work.resolve("kafka"));
        Path properties = kafkaDir.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller", "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + kafkaPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + kafkaPort,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT", "log.dirs=" + kafkaDir.resolve("data"),
                "num.partitions=8", "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0", "message.max.bytes=16777216",
                "replica.fetch.max.bytes=16777216") + "\n");
        List<String> kafkaJava = List.of(ChildProcess.java(), "-Xmx512m", "-XX:G1HeapRegionSize=16m",
                "-Dlog4j2.configurationFile=" + repository.resolve("infra/local/kafka-log4j2.properties"),
                "-cp", kafkaLib + "/*");
        List<String> format = new ArrayList<>(kafkaJava);
        format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                properties.toString()));
        ServiceImagesTest.Result formatted = ServiceImagesTest.run(Duration.ofMinutes(2), format.toArray(String[]::new));
        assertThat(formatted.code()).as(formatted.output()).isZero();
        List<String> broker = new ArrayList<>(kafkaJava);
        broker.addAll(List.of("kafka.Kafka", properties.toString()));
        kafka = new ChildProcess("kafka", broker, logs, () -> ChildProcess.listening(kafkaPort));
        String brokers = "127.0.0.1:" + kafkaPort;

        primary = TestS3Server.start(work.resolve("s3-primary"));
        offsite = TestS3Server.start(work.resolve("s3-offsite"));
        locations.add(primary.location("primary", "cht-primary", false));
        locations.add(offsite.location("offsite", "cht-offsite", true));
        locations.add(new LocationSpec("nas", LocationSpec.Kind.FILESYSTEM, null, null, null, null, null,
                nas != null ? nas : work.resolve("nas"), "disk", false));
        primaryProxy = proxyPrimary ? new FaultyProxy(locations.get(0).endpoint().getPort()) : null;
        secrets.add(new LeakScan.Needle("the S3 locations' secret key", locations.get(0).secretKey()));

        List<String> common = List.of("--server.address=127.0.0.1", "--spring.cloud.stream.kafka.binder.brokers="
                + brokers, "--cht-backup.api.token=" + Pipeline.API_TOKEN);
        int cryptoPort = ChildProcess.freePort();
        crypto = service("crypto", cryptoPort, logs, common, List.of(
                "--crypto.sealing-private-key-file=" + keys.resolve("sealing.key"),
                "--crypto.sender-keys-dir=" + senders,
                "--crypto.recipient-key-files=" + keys.resolve("ops.pub.asc"),
                "--crypto.signing-key-file=" + keys.resolve("signing.asc")));
        List<String> storageArgs = new ArrayList<>(List.of(
                "--storage.event-signing-key=" + EventSigningKeys.encode(events.privateKey()),
                "--storage.resilience.open-duration=2s", "--storage.backlog.retry-interval=500ms",
                "--storage.backlog.max-retry-interval=2s"));
        // storage alone goes through the proxy: the faults are storage's to survive
        storageArgs.addAll(locationArgs("storage", spec -> spec.name().equals("primary") && primaryProxy != null
                ? "http://127.0.0.1:" + primaryProxy.port() : spec.endpoint().toString()));
        int storagePort = ChildProcess.freePort();
        storage = service("storage", storagePort, logs, common, storageArgs);
        collectorPort = ChildProcess.freePort();
        byte[] dedup = new byte[32];
        new java.security.SecureRandom().nextBytes(dedup);
        collector = service("collector", collectorPort, logs, common, List.of(
                "--collector.deployment-id=" + DEPLOYMENT, "--collector.host-root=" + host,
                "--collector.env-file=/home/ubuntu/cht/upgrade-service/.env", "--collector.tls-dir=/nginx-private",
                "--collector.docker.enabled=false", "--collector.state-dir=" + work.resolve("collector-state"),
                "--collector.rpo.enabled=false",
                "--collector.dedup-key=" + Base64.getEncoder().encodeToString(dedup),
                "--collector.sealing-public-key=" + SealingKeys.encode(sealing.publicKey()),
                "--collector.sender-key=" + SealingKeys.encode(sender.privateKey()),
                "--collector.storage-event-key=" + EventSigningKeys.encode(events.publicKey()),
                "--collector.packing.target-bytes=262144"));
        reports = work.resolve("verify-reports");
        verifyPort = ChildProcess.freePort();
        if (withVerify) {
            List<String> verifyArgs = new ArrayList<>(List.of(
                    "--verify.decryption-key-files=" + keys.resolve("ops.asc"),
                    "--verify.trusted-signer-files=" + keys.resolve("signing.pub.asc"),
                    "--verify.data-dir=" + work.resolve("verify-data"), "--verify.report-dir=" + reports,
                    "--verify.scratch.launchers=", "--verify.repair.url=http://127.0.0.1:" + storagePort,
                    "--verify.repair.redrill-delay=1s"));
            verifyArgs.addAll(locationArgs("verify", spec -> spec.endpoint().toString()));
            verify = service("verify", verifyPort, logs, common, verifyArgs);
        } else {
            verify = null;
        }
        servicePorts.put("crypto", cryptoPort);
        servicePorts.put("storage", storagePort);
        servicePorts.put("collector", collectorPort);
        if (verify != null) {
            servicePorts.put("verify", verifyPort);
        }
        running.add(kafka.start());
        List<ChildProcess> services = new ArrayList<>(List.of(crypto, storage, collector));
        if (verify != null) {
            services.add(verify);
        }
        startSideBySide(services);
    }

    /**
     * The services wait only for Kafka, not for one another: started side by side, a stack is up sooner on two
     * cores than one after the other. If one does not start, the whole stack is stopped before the error goes up:
     * no test holds it to close.
     */
    private void startSideBySide(List<ChildProcess> services) throws InterruptedException {
        java.util.concurrent.ExecutorService starter = java.util.concurrent.Executors.newFixedThreadPool(
                services.size());
        try {
            List<java.util.concurrent.Future<ChildProcess>> started = services.stream()
                    .map(p -> starter.submit(p::start)).toList();
            Throwable failed = null;
            for (java.util.concurrent.Future<ChildProcess> f : started) {
                try {
                    running.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    failed = failed == null ? e.getCause() : failed;
                }
            }
            if (failed != null) {
                close();
                if (failed instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("a service did not start", failed);
            }
        } finally {
            starter.shutdownNow();
        }
    }

    /** The three locations as {@code --<service>.locations.<name>.*} arguments, S3 ones at {@code endpoint}. */
    private List<String> locationArgs(String service, java.util.function.Function<LocationSpec, String> endpoint) {
        List<String> args = new ArrayList<>();
        for (LocationSpec spec : locations) {
            String p = "--" + service + ".locations." + spec.name() + ".";
            args.add(p + "kind=" + spec.kind());
            if (spec.kind() == LocationSpec.Kind.S3) {
                args.addAll(List.of(p + "endpoint=" + endpoint.apply(spec), p + "bucket=" + spec.bucket(),
                        p + "access-key=" + spec.accessKey(), p + "secret-key=" + spec.secretKey()));
            } else {
                args.add(p + "path=" + spec.path());
            }
            args.add(p + "offsite=" + spec.offsite());
        }
        return args;
    }

    private static ChildProcess service(String name, int port, Path logs, List<String> common, List<String> args) {
        // C1 only: on two cores four Spring Boot services start side by side in 20 s instead of 40 (and restart
        // sooner after a kill); the suite's data is too small for C2's faster code to pay for compiling it.
        List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", jar(name).toString(), "--server.port=" + port));
        command.addAll(common);
        command.addAll(args);
        return new ChildProcess(name, command, logs, () -> healthy(port));
    }

    /** A service's executable jar next to this module, as `mvn package` (or verify) builds it. */
    static Path jar(String service) {
        return builtJar(service + "-service", service + "-service-.*-exec\\.jar",
                "the " + service + " service's executable jar");
    }

    /** The jar of {@code module} whose name matches {@code pattern}, as `mvn package` (or verify) builds it. */
    static Path builtJar(String module, String pattern, String what) {
        Path target = Path.of("..", module, "target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches(pattern)).toList();
            Requirements.require(!jars.isEmpty(), what + " is not built in " + target
                    + " (run ./mvnw package, or verify, from the repository root)");
            return jars.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean healthy(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks the collector for a snapshot; its id. */
    String snapshot() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(collectorUri("/snapshots"))
                .header("Authorization", "Bearer " + Pipeline.API_TOKEN).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return SampleSnapshot.JSON.readTree(response.body()).get("snapshotId").asString();
    }

    /** The collector's view of a snapshot: {@code result} is null while it runs. */
    JsonNode status(String snapshotId) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(collectorUri("/snapshots/" + snapshotId))
                .header("Authorization", "Bearer " + Pipeline.API_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? SampleSnapshot.JSON.readTree(response.body()) : null;
    }

    /** Waits for the collector to finish {@code snapshotId}; its failure, or null when it completed. */
    String awaitResult(String snapshotId, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = status(snapshotId);
            if (status != null && !status.get("result").isNull()) {
                JsonNode failure = status.get("result").get("failure");
                return failure.isNull() ? null : failure.asString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("snapshot " + snapshotId + " did not finish within " + limit);
    }

    /** Manifest keys of {@code snapshotId} in {@code location}. */
    List<String> manifests(LocationSpec location, String snapshotId) {
        return location.open().list(DEPLOYMENT + "/snapshots/").stream().filter(k -> k.contains(snapshotId)).toList();
    }

    /** Waits until every location holds a manifest of {@code snapshotId}; false at the limit. */
    boolean awaitStoredEverywhere(String snapshotId, Duration limit) {
        return awaitStoredIn(snapshotId, limit, locations.stream().map(LocationSpec::name).toArray(String[]::new));
    }

    /** Waits until the named locations hold a manifest of {@code snapshotId}; false at the limit. */
    boolean awaitStoredIn(String snapshotId, Duration limit, String... names) {
        List<String> wanted = List.of(names);
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (locations.stream().filter(l -> wanted.contains(l.name()))
                    .allMatch(l -> !manifests(l, snapshotId).isEmpty())) {
                return true;
            }
            ChildProcess.sleep(250);
        }
        return false;
    }

    /**
     * Restores {@code snapshotId} from {@code location} alone with the restore tool (a copy of that location's
     * objects in a folder, so every location is read the same way) and compares it with the host's files.
     */
    void assertRestoresByteForByte(LocationSpec location, String snapshotId) throws IOException {
        Path copy = Files.createDirectories(work.resolve("copy-" + location.name() + "-" + snapshotId));
        Location source = location.open();
        Location target = new LocationSpec("copy", LocationSpec.Kind.FILESYSTEM, null, null, null, null, null, copy,
                "disk", false).open();
        for (String key : source.list(DEPLOYMENT + "/")) {
            try (java.io.InputStream in = source.get(key)) {
                target.put(key, in.readAllBytes());
            }
        }
        Path restored = work.resolve("restored-" + location.name() + "-" + snapshotId);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RestoreTool.run(new PrintWriter(out, true), new PrintWriter(err, true), "snapshot", "--path",
                copy.toString(), "--key", keys.resolve("ops.asc").toString(), "--signer",
                keys.resolve("signing.pub.asc").toString(), "-d", DEPLOYMENT, "-s", snapshotId, "--target",
                restored.toString());
        assertThat(code).as("restore of %s from %s: %s", snapshotId, location.name(), err).isZero();
        Trees.assertSameTree(host.resolve("home/ubuntu/cht/couchdb"), restored.resolve("couchdb-data"));
    }

    /** Asks verify to drill {@code snapshotId} from {@code location} now; the drill's report (a DrillCompleted). */
    JsonNode drill(String location, String snapshotId) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + verifyPort
                        + "/drills?deployment=" + DEPLOYMENT + "&location=" + location + "&snapshot=" + snapshotId))
                .header("Authorization", "Bearer " + Pipeline.API_TOKEN).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(4)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SampleSnapshot.JSON.readTree(response.body());
    }

    /** The drills verify has queued or running ({@code GET /drills}). */
    JsonNode queuedDrills() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + verifyPort
                + "/drills")).header("Authorization", "Bearer " + Pipeline.API_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SampleSnapshot.JSON.readTree(response.body());
    }

    /** Verify's reports of drills of {@code snapshotId} from {@code location} that finished after {@code after}. */
    List<JsonNode> drillReports(String snapshotId, String location, Instant after) throws IOException {
        Path dir = reports.resolve(DEPLOYMENT);
        List<JsonNode> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                JsonNode drill = SampleSnapshot.JSON.readTree(Files.readString(file));
                if (drill.get("snapshotId").asString().equals(snapshotId)
                        && drill.get("location").asString().equals(location)
                        && Instant.parse(drill.get("finishedAt").asString()).isAfter(after)) {
                    found.add(drill);
                }
            }
        }
        return found;
    }

    /**
     * Waits until verify has reported a drill of {@code snapshotId} from each named location, finished after
     * {@code after}, that found nothing wrong; false at the limit.
     */
    boolean awaitSoundDrills(String snapshotId, Instant after, Duration limit, String... names) throws IOException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            boolean all = true;
            for (String name : names) {
                all &= drillReports(snapshotId, name, after).stream()
                        .anyMatch(d -> d.get("failures").isEmpty() && !d.get("result").asString().equals("FAIL"));
            }
            if (all) {
                return true;
            }
            ChildProcess.sleep(250);
        }
        return false;
    }

    /** Every service's Prometheus page as it is now, written under {@code dir} for the leak scan. */
    void scrapeMetrics(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (var service : servicePorts.entrySet()) {
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + service.getValue() + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + Pipeline.API_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("metrics of " + service.getKey()).isEqualTo(200);
            Files.writeString(dir.resolve(service.getKey() + ".prom"), page.body());
        }
    }

    /**
     * Copies every process's log as it is now to {@code target/faults/logs/<label>/}, for a trial worth reading
     * afterwards (the stack's own folder is deleted with the test).
     */
    void keepLogs(String label) throws IOException {
        Path kept = Files.createDirectories(FaultLedger.DIR.resolve("logs").resolve(label.replaceAll("[^A-Za-z0-9.-]+",
                "-")));
        try (Stream<Path> logs = Files.list(work.resolve("logs"))) {
            for (Path log : logs.toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** What must never leave the stack in clear: its keys, the token, the host's secrets, and {@code phi}. */
    List<LeakScan.Needle> secrets(String phi) {
        List<LeakScan.Needle> all = new ArrayList<>(secrets);
        if (phi != null) {
            all.add(new LeakScan.Needle("health data from the host's CouchDB files", phi));
        }
        return all;
    }

    private URI collectorUri(String path) {
        return URI.create("http://127.0.0.1:" + collectorPort + path);
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        if (primaryProxy != null) {
            primaryProxy.close();
        }
        primary.close();
        offsite.close();
    }
}
