package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.events.EventWire;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.openpgp.ObjectDecryptor;
import org.chtbackup.contracts.sealing.Sealer;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.chtbackup.contracts.testing.Requirements;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * infra/images/build.sh builds the four service images from the jars this build made, on the base image .ci/run
 * made with debootstrap (nothing can be pulled). The crypto image then runs as an operator would run it: non-root,
 * configured by environment, healthy by its own health check, it turns a sealed part into an object recipients can
 * read, and it stops on SIGTERM by shutting down, not by being killed.
 */
class ServiceImagesTest {

    static final String BASE = "cht-backup/jre:17-bookworm";
    static final String TAG = "test";

    @Test
    void fourImagesBuildAndTheCryptoImageServesHealthyAsNonRootAndStopsGracefully(@TempDir Path work) throws Exception {
        Requirements.require(run(Duration.ofSeconds(20), "docker", "info").code() == 0,
                "no Docker engine; .ci/run starts dockerd");
        Requirements.require(run(Duration.ofSeconds(20), "docker", "image", "inspect", BASE).code() == 0,
                "no base image " + BASE + "; .ci/run builds it with infra/images/build.sh --base-only");
        Path repository = SharedFixtures.repository();
        Result build = run(Duration.ofMinutes(5), repository.resolve("infra/images/build.sh").toString(), "--tag", TAG);
        assertThat(build.code()).as(build.output()).isZero();
        for (String service : List.of("collector", "crypto", "storage", "verify")) {
            Result user = run(Duration.ofSeconds(20), "docker", "image", "inspect", "-f",
                    "{{.Config.User}} {{json .Config.Healthcheck.Test}} {{.Config.StopSignal}}", image(service));
            assertThat(user.output()).as(service).startsWith("10001:10001 ").contains("actuator/health")
                    .contains("SIGTERM");
        }

        SealingKeys sealing = SealingKeys.generate();
        SealingKeys sender = SealingKeys.generate();
        PGPSecretKeyRing signer = KeyRing.generateSigningKey("image test crypto", null);
        PGPSecretKeyRing ops = KeyRing.generateRecipientKey("image test ops", null);
        // Public sender keys only, readable by the image's uid.
        Path senders = Files.createDirectories(work.resolve("senders"));
        SealingKeys.writePublicKey(senders.resolve("clinic-img.pub"), sender.publicKey());
        Files.setPosixFilePermissions(senders, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(senders.resolve("clinic-img.pub"), PosixFilePermissions.fromString("rw-r--r--"));
        Path env = work.resolve("crypto.env");
        int port = ChildProcess.freePort();
        try (KafkaProvider kafka = KafkaProvider.start()) {
            Files.writeString(env, String.join("\n",
                    "KAFKA_BROKERS=" + kafka.bootstrapServers(),
                    "PORT=" + port,
                    "CRYPTO_SEALING_PRIVATE_KEY=" + SealingKeys.encode(sealing.privateKey()),
                    "CRYPTO_SENDER_KEYS_DIR=/etc/cht-backup/senders",
                    "CHT_BACKUP_API_TOKEN=image-test-token") + "\n");
            String name = "cht-backup-image-test-" + HexFormat.of().toHexDigits(System.nanoTime()).substring(8);
            // Armored keys are multi-line: docker's --env-file cannot carry them, -e can.
            Result started = run(Duration.ofSeconds(30), "docker", "run", "-d", "--name", name, "--network", "host",
                    "--env-file", env.toString(),
                    "-e", "CRYPTO_RECIPIENT_KEYS=" + KeyRing.armor(KeyRing.publicRing(ops)),
                    "-e", "CRYPTO_SIGNING_KEY=" + KeyRing.armor(signer),
                    "-v", senders + ":/etc/cht-backup/senders:ro", image("crypto"));
            assertThat(started.code()).as(started.output()).isZero();
            try {
                awaitHealthy(name);
                assertThat(run(Duration.ofSeconds(20), "docker", "exec", name, "id", "-u").output().strip())
                        .isEqualTo("10001");

                byte[] plaintext = "a pack sealed on a CHT host".getBytes(StandardCharsets.UTF_8);
                String packId = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(plaintext));
                byte[] sealed = new Sealer(sealing.publicKey(), sender.privateKey()).seal(plaintext,
                        SnapshotPartSealed.associatedData("clinic-img", "s1", PartKind.PACK, packId, List.of(), 0));
                Topic.send(kafka.bootstrapServers(), Topics.SNAPSHOT_PARTS, packId, EventWire.encode(
                        new SnapshotPartSealed(SnapshotPartSealed.VERSION, "clinic-img", "s1", PartKind.PACK, packId,
                                List.of(), 0, sealed)));
                List<ConsumerRecord<byte[], byte[]>> objects = Topic.await(kafka.bootstrapServers(), Topics.OBJECTS, 1,
                        r -> true, Duration.ofSeconds(90));
                assertThat(objects).hasSize(1);
                ObjectEncrypted object = EventWire.decodeObject(objects.get(0).value());
                ObjectDecryptor opsReads = new ObjectDecryptor(KeyRing.unlockDecryptionKeys(ops, null),
                        KeyRing.signingKeys(KeyRing.publicRing(signer)));
                assertThat(opsReads.decrypt(object.object())).isEqualTo(plaintext);

                Instant stopAsked = Instant.now();
                Result stop = run(Duration.ofSeconds(90), "docker", "stop", "-t", "60", name);
                assertThat(stop.code()).as(stop.output()).isZero();
                Result state = run(Duration.ofSeconds(20), "docker", "inspect", "-f",
                        "{{.State.ExitCode}} {{.State.OOMKilled}}", name);
                // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited; 137 would mean docker killed it.
                assertThat(state.output().strip()).isEqualTo("143 false");
                assertThat(Duration.between(stopAsked, Instant.now())).isLessThan(Duration.ofSeconds(60));
                String logs = run(Duration.ofSeconds(20), "docker", "logs", name).output();
                assertThat(logs).contains("opening parts sealed to " + sealing.fingerprint())
                        .doesNotContain(SealingKeys.encode(sealing.privateKey()));
            } finally {
                run(Duration.ofSeconds(60), "docker", "rm", "-f", name);
            }
        }
    }

    private static String image(String service) {
        return "cht-backup/" + service + ":" + TAG;
    }

    private static void awaitHealthy(String name) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        String status = "";
        while (Instant.now().isBefore(deadline)) {
            status = run(Duration.ofSeconds(20), "docker", "inspect", "-f", "{{.State.Status}} {{.State.Health.Status}}",
                    name).output().strip();
            if (status.equals("running healthy") || status.startsWith("exited")) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(status).as(run(Duration.ofSeconds(20), "docker", "logs", "--tail", "40", name).output())
                .isEqualTo("running healthy");
    }

    record Result(int code, String output) {
    }

    static Result run(Duration limit, String... command) throws IOException, InterruptedException {
        return run(java.util.Map.of(), limit, command);
    }

    /** Runs {@code command} with {@code env} added to this process's environment; output and error together. */
    static Result run(java.util.Map<String, String> env, Duration limit, String... command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("docker", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(new File("/dev/null"));
            builder.environment().putAll(env);
            Process p = builder.start();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " timed out after " + limit);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
