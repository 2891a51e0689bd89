package org.chtbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.chtbackup.contracts.testing.SharedFixtures;

/**
 * The real fixture files that hold document ids, {@code .env} values and a TLS key go through the service, with
 * its keys given inline (as from the environment) and a passphrase on the signing key; then every byte on every
 * topic of the broker, and everything the service logged, is searched for those strings and for the keys.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoPlaintextOrKeyMaterialLeavesTheServiceTest {

    private static final String DEPLOYMENT = "clinic-fixture";
    private static final int CHUNK = 1 << 20;
    private static final String PASSPHRASE = "signing-passphrase-never-logged";

    @Test
    void noFixtureSecretOnAnyTopicAndNoKeyInTheLogs(@TempDir Path work, CapturedOutput output) throws Exception {
        TestKeys keys = new TestKeys(work.resolve("keys"));
        PGPSecretKeyRing protectedSigner = KeyRing.generateSigningKey("protected signer", PASSPHRASE.toCharArray());
        String sealingPrivate = SealingKeys.encode(keys.sealing.privateKey());
        String signingArmor = KeyRing.armor(protectedSigner);
        List<byte[]> sources = markedFiles();
        int objects = 0;
        try (TestKafka kafka = new TestKafka()) {
            ConfigurableApplicationContext service = Services.start(kafka, List.of(
                    "crypto.sealing-private-key=" + sealingPrivate,
                    "crypto.sender-keys-dir=" + keys.senders,
                    "crypto.recipient-keys=" + KeyRing.armor(KeyRing.publicRing(keys.ops)),
                    "crypto.signing-key=" + signingArmor,
                    "crypto.signing-key-passphrase=" + PASSPHRASE,
                    "logging.level.org.chtbackup=DEBUG"));
            try {
                for (byte[] file : sources) {
                    for (int at = 0; at < file.length; at += CHUNK) {
                        byte[] chunk = Arrays.copyOfRange(file, at, Math.min(file.length, at + CHUNK));
                        kafka.send(DEPLOYMENT, Parts.sealedPack(keys, DEPLOYMENT, "s1", chunk));
                        objects++;
                    }
                }
                // A bad part too: dead letters carry the record and a stack trace, which must be as clean.
                byte[] tampered = Parts.sealedPack(keys, DEPLOYMENT, "s2", sources.get(0));
                tampered = Parts.event(DEPLOYMENT, "s1", PartKind.PACK, Parts.packId(sources.get(0)), List.of(),
                        flipLast(org.chtbackup.contracts.events.EventWire.decodePart(tampered).sealed()));
                kafka.send(DEPLOYMENT, tampered);
                assertThat(kafka.await(Topics.OBJECTS, objects, r -> true, Duration.ofSeconds(120))).hasSize(objects);
                assertThat(kafka.await(Topics.deadLetter(Topics.SNAPSHOT_PARTS), 1, r -> true, Duration.ofSeconds(60)))
                        .hasSize(1);
            } finally {
                service.close();
            }

            List<ConsumerRecord<byte[], byte[]>> everything = kafka.everything();
            assertThat(everything.size()).isGreaterThan(objects);
            for (String marker : SharedFixtures.PLAINTEXT_MARKERS) {
                byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
                assertThat(sources.stream().anyMatch(s -> SharedFixtures.indexOf(s, needle) >= 0)).as("fixture holds " + marker).isTrue();
                for (ConsumerRecord<byte[], byte[]> record : everything) {
                    assertThat(SharedFixtures.indexOf(bytesOf(record), needle)).as(marker + " in " + record.topic() + "@" + record.offset())
                            .isNegative();
                }
                assertThat(output.getAll()).doesNotContain(marker);
            }
        }
        String logged = output.getAll();
        assertThat(logged).contains(KeyRing.fingerprint(protectedSigner.getPublicKey())); // it did log, by fingerprint
        assertThat(logged).doesNotContain(sealingPrivate).doesNotContain(PASSPHRASE).doesNotContain("PRIVATE KEY BLOCK")
                .doesNotContain(SealingKeys.encode(keys.sender(DEPLOYMENT).privateKey()));
        signingArmor.lines().filter(l -> l.length() > 40).forEach(line -> assertThat(logged).doesNotContain(line));
    }

    /** The fixture host's files that hold at least one marker. */
    private static List<byte[]> markedFiles() throws IOException {
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(SharedFixtures.chtHost())) {
            for (Path file : walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("README.md"))
                    .toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (SharedFixtures.PLAINTEXT_MARKERS.stream().anyMatch(m -> SharedFixtures.indexOf(bytes, m.getBytes(StandardCharsets.UTF_8)) >= 0)) {
                    files.add(bytes);
                }
            }
        }
        return files;
    }

    private static byte[] bytesOf(ConsumerRecord<byte[], byte[]> record) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.writeBytes(record.key() == null ? new byte[0] : record.key());
        all.writeBytes(record.value() == null ? new byte[0] : record.value());
        for (Header header : record.headers()) {
            all.writeBytes(header.value() == null ? new byte[0] : header.value());
        }
        return all.toByteArray();
    }

    private static byte[] flipLast(byte[] sealed) {
        byte[] copy = sealed.clone();
        copy[copy.length - 1] ^= 0x01;
        return copy;
    }
}
