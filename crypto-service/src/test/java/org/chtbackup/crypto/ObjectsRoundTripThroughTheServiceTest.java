package org.chtbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.openpgp.ObjectAuthenticationException;
import org.chtbackup.contracts.openpgp.ObjectDecryptor;
import org.chtbackup.contracts.sealing.Sealer;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.chtbackup.contracts.testing.Gpg;

/**
 * The service over a real broker, encrypting to two recipients (ops and escrow): each recipient alone reads every
 * object, the manifest records the keys used, and bad parts are dead-lettered with a reason while the consumer goes on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectsRoundTripThroughTheServiceTest {

    private static final String DEPLOYMENT = "clinic-a";

    @TempDir
    static Path work;
    private TestKafka kafka;
    private TestKeys keys;
    private ConfigurableApplicationContext service;

    @BeforeAll
    void start() throws Exception {
        keys = new TestKeys(work.resolve("keys"));
        kafka = new TestKafka();
        service = Services.start(kafka, keys.fileSettings());
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void eachRecipientAloneDecryptsPackAndManifestAndTheManifestNamesTheKeys() {
        byte[] env = envFile();
        String chunkId = Parts.packId(env);
        kafka.send(DEPLOYMENT, Parts.sealedPack(keys, DEPLOYMENT, "s1", env));
        String manifestId = "20260101T000000Z-s1";
        kafka.send(DEPLOYMENT, Parts.sealedList(keys, DEPLOYMENT, "s1", manifestId + ".0",
                List.of(chunkId)));
        byte[] manifestJson = Services.manifestJson(DEPLOYMENT, "s1", List.of(chunkId)).getBytes(StandardCharsets.UTF_8);
        kafka.send(DEPLOYMENT, Parts.sealedManifest(keys, DEPLOYMENT, "s1", manifestId, manifestJson,
                1));

        ObjectEncrypted chunk = awaitObject(ObjectLayout.packKey(DEPLOYMENT, chunkId));
        ObjectEncrypted list = awaitObject(ObjectLayout.chunkListKey(DEPLOYMENT, manifestId + ".0"));
        ObjectEncrypted manifest = awaitObject(ObjectLayout.manifestKey(DEPLOYMENT, manifestId));
        assertThat(list.neededKeys()).containsExactly(ObjectLayout.packKey(DEPLOYMENT, chunkId));
        assertThat(manifest.listPieces()).isEqualTo(1);

        for (var recipient : List.of(keys.ops, keys.escrow)) {
            ObjectDecryptor decryptor = keys.decryptorFor(recipient);
            assertThat(decryptor.decrypt(chunk.object())).isEqualTo(env);
            JsonNode read = Parts.JSON.readTree(decryptor.decrypt(manifest.object()));
            assertThat(read.get("snapshotId").asString()).isEqualTo("s1");
            assertThat(read.get("files").get(0).get("chunks").get(0).asString()).isEqualTo(chunkId);
            JsonNode used = read.get("encryption");
            assertThat(used.get("recipients").values()).extracting(JsonNode::asString).containsExactly(
                    KeyRing.fingerprint(keys.ops.getPublicKey()), KeyRing.fingerprint(keys.escrow.getPublicKey()));
            assertThat(used.get("signer").asString()).isEqualTo(KeyRing.fingerprint(keys.signer.getPublicKey()));
            assertThat(used.get("sealing").asString()).isEqualTo(keys.sealing.fingerprint());
            assertThat(used.get("encryptionSubkeys")).hasSize(2);
            // Everything the collector wrote is kept as it was; the block is the only addition.
            ((tools.jackson.databind.node.ObjectNode) read).remove("encryption");
            assertThat(read).isEqualTo(Parts.JSON.readTree(manifestJson));
        }
    }

    @Test
    void objectsFailClearlyForAWrongKeyTruncationAFlippedByteAndAnUnknownSigner() {
        byte[] plaintext = "object for the negative tests".getBytes(StandardCharsets.UTF_8);
        kafka.send(DEPLOYMENT, Parts.sealedPack(keys, DEPLOYMENT, "s2", plaintext));
        byte[] object = awaitObject(ObjectLayout.packKey(DEPLOYMENT, Parts.packId(plaintext))).object();
        assertThat(keys.decryptorFor(keys.ops).decrypt(object)).isEqualTo(plaintext);

        assertThatThrownBy(() -> keys.decryptorFor(keys.outsider).decrypt(object))
                .isInstanceOf(ObjectAuthenticationException.class)
                .hasMessageContaining("not encrypted to any configured decryption key");
        assertThatThrownBy(() -> keys.decryptorFor(keys.ops).decrypt(Arrays.copyOf(object, object.length - 20)))
                .isInstanceOf(ObjectAuthenticationException.class).hasMessageContaining("truncated or damaged");
        byte[] flipped = object.clone();
        flipped[flipped.length / 2] ^= 0x01;
        assertThatThrownBy(() -> keys.decryptorFor(keys.ops).decrypt(flipped))
                .isInstanceOf(ObjectAuthenticationException.class);
        ObjectDecryptor trustingAnotherSigner = new ObjectDecryptor(KeyRing.unlockDecryptionKeys(keys.ops, null),
                KeyRing.signingKeys(KeyRing.publicRing(KeyRing.generateSigningKey("another service", null))));
        assertThatThrownBy(() -> trustingAnotherSigner.decrypt(object))
                .isInstanceOf(ObjectAuthenticationException.class)
                .hasMessageContaining(KeyRing.fingerprint(keys.signer.getPublicKey()).substring(24));
    }

    @Test
    void badPartsAreDeadLetteredWithAReasonAndTheNextPartIsEncrypted() {
        byte[] secret = "patient record".getBytes(StandardCharsets.UTF_8);
        String id = Parts.packId(secret);
        byte[] aad = SnapshotPartSealed.associatedData(DEPLOYMENT, "s3", PartKind.PACK, id, List.of(), 0);
        byte[] good = Parts.sealer(keys, DEPLOYMENT).seal(secret, aad);
        byte[] flipped = good.clone();
        flipped[40] ^= 0x01;
        byte[] toAnotherService = new Sealer(SealingKeys.generate().publicKey(), keys.sender(DEPLOYMENT).privateKey())
                .seal(secret, aad);
        byte[] replayed = Parts.sealer(keys, DEPLOYMENT).seal(secret,
                SnapshotPartSealed.associatedData("clinic-b", "s3", PartKind.PACK, id, List.of(), 0));
        String manifestId = "20260101T000000Z-s3";
        byte[] notJson = Parts.sealer(keys, DEPLOYMENT).seal("not a manifest".getBytes(StandardCharsets.UTF_8),
                SnapshotPartSealed.associatedData(DEPLOYMENT, "s3", PartKind.MANIFEST, manifestId, List.of(), 0));
        List<byte[]> bad = List.of(
                Parts.event(DEPLOYMENT, "s3", PartKind.PACK, id, List.of(), toAnotherService),
                Parts.event(DEPLOYMENT, "s3", PartKind.PACK, id, List.of(), Arrays.copyOf(good, good.length - 1)),
                Parts.event(DEPLOYMENT, "s3", PartKind.PACK, id, List.of(), flipped),
                Parts.event(DEPLOYMENT, "s3", PartKind.PACK, id, List.of(), replayed),
                Parts.event(DEPLOYMENT, "s3", PartKind.MANIFEST, manifestId, List.of(), notJson),
                "{\"version\":2,\"deploymentId\":\"clinic-a\"}".getBytes(StandardCharsets.UTF_8),
                "not a record of ours".getBytes(StandardCharsets.UTF_8),
                Arrays.copyOf(Parts.sealedPack(keys, DEPLOYMENT, "s3", secret), 60));
        List<String> reasons = List.of("failed authentication", "failed authentication", "failed authentication",
                "failed authentication", "is not valid JSON", "upgrade its sender", "cht-backup magic", "truncated");
        bad.forEach(part -> kafka.send(DEPLOYMENT, part));
        byte[] next = "the next good part".getBytes(StandardCharsets.UTF_8);
        kafka.send(DEPLOYMENT, Parts.sealedPack(keys, DEPLOYMENT, "s3", next));

        assertThat(keys.decryptorFor(keys.ops).decrypt(awaitObject(ObjectLayout.packKey(DEPLOYMENT, Parts.packId(next)))
                .object())).isEqualTo(next);
        for (int i = 0; i < bad.size(); i++) {
            byte[] part = bad.get(i);
            List<ConsumerRecord<byte[], byte[]>> dead = kafka.await(Topics.deadLetter(Topics.SNAPSHOT_PARTS), 1,
                    r -> Arrays.equals(r.value(), part), Duration.ofSeconds(60));
            assertThat(dead).as("bad part %d dead-lettered", i).hasSize(1);
            Header reason = dead.get(0).headers().lastHeader("x-exception-message");
            assertThat(Parts.text(reason.value())).as("reason of bad part %d", i).contains(reasons.get(i));
        }
        // Nothing of the bad parts went downstream: only the good chunk of s3 is there.
        List<ConsumerRecord<byte[], byte[]>> s3 = kafka.await(Topics.OBJECTS, Integer.MAX_VALUE,
                r -> Parts.object(r.value()).snapshotId().equals("s3"), Duration.ofSeconds(3));
        assertThat(s3).extracting(r -> Parts.object(r.value()).objectKey())
                .containsExactly(ObjectLayout.packKey(DEPLOYMENT, Parts.packId(next)));
    }

    @Test
    void stockGpgDecryptsAndVerifiesAnObjectTheServiceProduced() throws Exception {
        org.chtbackup.contracts.testing.Requirements.require(Gpg.available(), "stock gpg is not installed at " + Gpg.BINARY);
        byte[] env = "COUCHDB_PASSWORD=gpg-interop\n".getBytes(StandardCharsets.UTF_8);
        kafka.send(DEPLOYMENT, Parts.sealedPack(keys, DEPLOYMENT, "s4", env));
        byte[] object = awaitObject(ObjectLayout.packKey(DEPLOYMENT, Parts.packId(env))).object();
        Path file = work.resolve("object.gpg");
        Files.write(file, object);
        String signer = KeyRing.fingerprint(keys.signer.getPublicKey());
        for (String recipient : List.of("escrow", "ops")) {
            try (Gpg gpg = new Gpg(Files.createDirectories(work.resolve("gnupg-" + recipient)))) {
                gpg.run("--import", keys.dir.resolve(recipient + ".asc").toString());
                gpg.run("--import", keys.dir.resolve("signing.pub.asc").toString());
                Path out = work.resolve("plain-" + recipient);
                Gpg.Result decrypt = gpg.run("--output", out.toString(), "--decrypt", file.toString());
                assertThat(decrypt.exitCode()).as(decrypt.stderr()).isZero();
                assertThat(Files.readAllBytes(out)).isEqualTo(env);
                assertThat(decrypt.status()).contains("[GNUPG:] VALIDSIG " + signer).contains("DECRYPTION_OKAY");
                // gpg --verify reads signed, not encrypted, data: --unwrap strips only the encryption layer.
                Path signed = work.resolve("signed-" + recipient + ".gpg");
                Gpg.Result unwrap = gpg.run("--unwrap", "--output", signed.toString(), "--decrypt", file.toString());
                assertThat(unwrap.exitCode()).as(unwrap.stderr()).isZero();
                Gpg.Result verify = gpg.run("--verify", signed.toString());
                assertThat(verify.exitCode()).as(verify.stderr()).isZero();
                assertThat(verify.status()).contains("[GNUPG:] GOODSIG").contains("VALIDSIG " + signer);

                byte[] flipped = object.clone();
                flipped[flipped.length - 30] ^= 0x01;
                Path bad = work.resolve("flipped-" + recipient + ".gpg");
                Files.write(bad, flipped);
                assertThat(gpg.run("--output", work.resolve("bad-" + recipient).toString(), "--decrypt", bad.toString())
                        .exitCode()).isNotZero();
            }
        }
    }

    private ObjectEncrypted awaitObject(String objectKey) {
        List<ConsumerRecord<byte[], byte[]>> found = kafka.await(Topics.OBJECTS, 1,
                r -> Parts.object(r.value()).objectKey().equals(objectKey), Duration.ofSeconds(60));
        assertThat(found).as("object " + objectKey + " on " + Topics.OBJECTS).hasSize(1);
        ObjectEncrypted object = Parts.object(found.get(0).value());
        assertThat(Parts.text(found.get(0).key())).as("packs keep their own id as key, the rest the deployment")
                .isEqualTo(object.kind() == PartKind.PACK ? ObjectLayout.packIdOf(objectKey) : DEPLOYMENT);
        return Parts.object(found.get(0).value());
    }

    private static byte[] envFile() {
        try {
            return Files.readAllBytes(SharedFixtures.chtHost().resolve("home/ubuntu/cht/upgrade-service/.env"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
