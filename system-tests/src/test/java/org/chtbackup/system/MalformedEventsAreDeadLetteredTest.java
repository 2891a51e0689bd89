package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.events.EventWire;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.openpgp.ObjectEncryptor;
import org.chtbackup.contracts.sealing.Sealer;
import org.junit.jupiter.api.Test;

/**
 * A malformed record on each consumed topic reaches that topic's dead-letter topic with the reason in its
 * headers, and the consumer goes on to process the next good record.
 */
class MalformedEventsAreDeadLetteredTest {

    private static final String DEPLOYMENT = "clinic-dlq";
    private final Pipeline pipeline = Pipeline.shared();
    private final String bootstrap = pipeline.kafka.bootstrapServers();

    @Test
    void cryptoDeadLettersAMalformedPartAndEncryptsTheNext() {
        byte[] bad = "{\"version\":1,\"deploymentId\":\"clinic-dlq\",\"kind\":\"CHUNK\"".getBytes(StandardCharsets.UTF_8);
        Topic.send(bootstrap, Topics.SNAPSHOT_PARTS, DEPLOYMENT, bad);
        String packId = randomId();
        byte[] plaintext = "a good pack".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = new Sealer(pipeline.sealing.publicKey(), pipeline.sender(DEPLOYMENT).privateKey()).seal(plaintext,
                SnapshotPartSealed.associatedData(DEPLOYMENT, "s1", PartKind.PACK, packId, List.of(), 0));
        Topic.send(bootstrap, Topics.SNAPSHOT_PARTS, packId, EventWire.encode(
                new SnapshotPartSealed(SnapshotPartSealed.VERSION, DEPLOYMENT, "s1", PartKind.PACK, packId, List.of(),
                        0, sealed)));

        assertDeadLettered(Topics.SNAPSHOT_PARTS, bad);
        String key = ObjectLayout.packKey(DEPLOYMENT, packId);
        assertThat(Topic.await(bootstrap, Topics.OBJECTS, 1, r -> new String(r.value(), StandardCharsets.ISO_8859_1)
                .contains(key), Duration.ofSeconds(60))).hasSize(1);
    }

    @Test
    void cryptoDeadLettersAPartReplayedToAnotherDeployment() {
        String packId = randomId();
        byte[] sealed = new Sealer(pipeline.sealing.publicKey(), pipeline.sender(DEPLOYMENT).privateKey())
                .seal("phi".getBytes(StandardCharsets.UTF_8),
                        SnapshotPartSealed.associatedData("clinic-other", "s1", PartKind.PACK, packId, List.of(), 0));
        byte[] replayed = EventWire.encode(new SnapshotPartSealed(SnapshotPartSealed.VERSION, DEPLOYMENT, "s1",
                PartKind.PACK, packId, List.of(), 0, sealed));
        Topic.send(bootstrap, Topics.SNAPSHOT_PARTS, DEPLOYMENT, replayed);
        assertDeadLettered(Topics.SNAPSHOT_PARTS, replayed);
    }

    @Test
    void aPackAndManifestForgedByAnotherHostForThisDeploymentAreRefusedAndNothingOfThemIsStored() {
        // clinic-forger is a registered host of the fleet; it knows crypto's public key, as every host does.
        Sealer forger = new Sealer(pipeline.sealing.publicKey(), pipeline.sender("clinic-forger").privateKey());
        pipeline.sender(DEPLOYMENT);
        String packId = randomId();
        String snapshot = "forged-" + packId.substring(0, 12);
        String manifestId = "20260101T000000Z-" + snapshot;
        byte[] pack = EventWire.encode(new SnapshotPartSealed(SnapshotPartSealed.VERSION, DEPLOYMENT, snapshot,
                PartKind.PACK, packId, List.of(), 0, forger.seal("forged".getBytes(StandardCharsets.UTF_8),
                SnapshotPartSealed.associatedData(DEPLOYMENT, snapshot, PartKind.PACK, packId, List.of(), 0))));
        byte[] manifest = EventWire.encode(new SnapshotPartSealed(SnapshotPartSealed.VERSION, DEPLOYMENT, snapshot,
                PartKind.MANIFEST, manifestId, List.of(), 0, forger.seal("{}".getBytes(StandardCharsets.UTF_8),
                SnapshotPartSealed.associatedData(DEPLOYMENT, snapshot, PartKind.MANIFEST, manifestId, List.of(), 0))));
        Topic.send(bootstrap, Topics.SNAPSHOT_PARTS, packId, pack);
        Topic.send(bootstrap, Topics.SNAPSHOT_PARTS, DEPLOYMENT, manifest);

        for (byte[] forged : List.of(pack, manifest)) {
            List<ConsumerRecord<byte[], byte[]>> dead = Topic.await(bootstrap, Topics.deadLetter(Topics.SNAPSHOT_PARTS),
                    1, r -> java.util.Arrays.equals(r.value(), forged), Duration.ofSeconds(90));
            assertThat(dead).isNotEmpty();
            assertThat(new String(dead.get(0).headers().lastHeader("x-exception-message").value(),
                    StandardCharsets.UTF_8)).contains("not sealed by sender key " + pipeline.sender(DEPLOYMENT).fingerprint());
        }
        assertThat(Topic.await(bootstrap, Topics.OBJECTS, Integer.MAX_VALUE,
                // The topic also holds the malformed records of other tests: look for the snapshot's id in the bytes.
                r -> new String(r.value(), StandardCharsets.ISO_8859_1).contains(snapshot), Duration.ofSeconds(3)))
                .as("no object of the forged parts").isEmpty();
        for (String location : pipeline.locations.keySet()) {
            assertThat(pipeline.location(location).list(DEPLOYMENT + "/"))
                    .as(location).noneMatch(k -> k.contains(packId) || k.contains(manifestId));
        }
    }

    @Test
    void storageDeadLettersAMalformedObjectAndStoresTheNext() {
        byte[] bad = "not a record of ours at all".getBytes(StandardCharsets.UTF_8);
        Topic.send(bootstrap, Topics.OBJECTS, DEPLOYMENT, bad);
        List<PGPPublicKey> recipients = KeyRing.encryptionKeys(KeyRing.publicRing(pipeline.ops));
        ObjectEncryptor encryptor = new ObjectEncryptor(recipients, KeyRing.unlockSigningKey(pipeline.signer, null));
        String key = ObjectLayout.packKey(DEPLOYMENT, randomId());
        Topic.send(bootstrap, Topics.OBJECTS, DEPLOYMENT, EventWire.encode(
                new ObjectEncrypted(ObjectEncrypted.VERSION, DEPLOYMENT, "s1", PartKind.PACK, key, List.of(), 0,
                        encryptor.encrypt("good".getBytes(StandardCharsets.UTF_8), "pack"))));

        assertDeadLettered(Topics.OBJECTS, bad);
        Instant deadline = Instant.now().plusSeconds(60);
        while (!pipeline.location("nas").exists(key) && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        for (String location : pipeline.locations.keySet()) {
            assertThat(pipeline.location(location).exists(key)).as(location + " has " + key).isTrue();
        }
    }

    @Test
    void verifyDeadLettersAMalformedStoredEventAndDrillsTheNext() {
        byte[] bad = "{\"version\":99}".getBytes(StandardCharsets.UTF_8);
        Topic.send(bootstrap, Topics.SNAPSHOTS_STORED, DEPLOYMENT, bad);
        String snapshotId = "missing" + randomId().substring(0, 8);
        Topic.send(bootstrap, Topics.SNAPSHOTS_STORED, DEPLOYMENT, SampleSnapshot.JSON.writeValueAsBytes(
                new SnapshotStored(1, DEPLOYMENT, snapshotId, "nas",
                        ObjectLayout.manifestKey(DEPLOYMENT, "20260101T000000Z-" + snapshotId), 0, Instant.now())));

        assertDeadLettered(Topics.SNAPSHOTS_STORED, bad);
        List<ConsumerRecord<byte[], byte[]>> drills = Topic.await(bootstrap, Topics.DRILLS, 1,
                r -> SampleSnapshot.drill(r).snapshotId().equals(snapshotId), Duration.ofSeconds(60));
        assertThat(drills).hasSize(1);
        DrillCompleted drill = SampleSnapshot.drill(drills.get(0));
        assertThat(drill.result()).isEqualTo(DrillCompleted.Result.FAIL);
        assertThat(drill.failures()).singleElement().asString().contains("has no object");
    }

    private void assertDeadLettered(String topic, byte[] value) {
        List<ConsumerRecord<byte[], byte[]>> dead = Topic.await(bootstrap, Topics.deadLetter(topic), 1,
                r -> java.util.Arrays.equals(r.value(), value), Duration.ofSeconds(90));
        // Every consuming service dead-letters it (snapshots-stored: the collector and verify), so one or more.
        assertThat(dead).as("dead letter on " + Topics.deadLetter(topic)).isNotEmpty();
        Header reason = dead.get(0).headers().lastHeader("x-exception-message");
        assertThat(reason).as("reason header").isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isNotBlank();
    }

    private static String randomId() {
        byte[] id = new byte[32];
        new Random().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
