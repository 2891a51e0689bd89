package org.chtbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.contracts.sealing.Sealer;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every host knows the crypto service's public key, and any host that can write to Kafka can send a part naming any
 * deployment. Crypto encrypts and signs only the parts sealed with the sender key registered for the deployment they
 * name: a forged part is dead-lettered with its reason, counted, and nothing of it goes downstream.
 */
class PartsAreAcceptedOnlyFromTheirOwnDeploymentTest {

    @Test
    void forgedUnregisteredAndRotatedAwaySendersAreRefusedAndCounted(@TempDir Path work) throws Exception {
        TestKeys keys = new TestKeys(work.resolve("keys"));
        SealingKeys victim = keys.sender("clinic-a");
        SealingKeys attacker = keys.sender("clinic-b"); // a genuine, registered host of the same fleet
        byte[] secret = "forged record".getBytes(StandardCharsets.UTF_8);
        try (TestKafka kafka = new TestKafka();
             ConfigurableApplicationContext service = Services.start(kafka, keys.fileSettings())) {
            // clinic-b seals a part that claims to be clinic-a's: the right AAD, the wrong sender key.
            byte[] forged = part(new Sealer(keys.sealing.publicKey(), attacker.privateKey()), "clinic-a", "forged", secret);
            // A deployment nobody registered.
            byte[] unregistered = part(new Sealer(keys.sealing.publicKey(), SealingKeys.generate().privateKey()),
                    "clinic-zz", "unregistered", secret);
            // clinic-r's key is rotated: its new key is registered in place of the old one, with no restart.
            SealingKeys before = keys.sender("clinic-r");
            byte[] beforeRotation = part(new Sealer(keys.sealing.publicKey(), before.privateKey()), "clinic-r", "old",
                    "first".getBytes(StandardCharsets.UTF_8));
            kafka.send("clinic-r", beforeRotation);
            awaitObjects(kafka, "old", 1);
            SealingKeys after = SealingKeys.generate();
            Path registered = keys.senders.resolve("clinic-r.pub");
            SealingKeys.writePublicKey(registered, after.publicKey());
            Files.setLastModifiedTime(registered, java.nio.file.attribute.FileTime.fromMillis(
                    Files.getLastModifiedTime(registered).toMillis() + 2000));
            byte[] oldKeyAfterRotation = part(new Sealer(keys.sealing.publicKey(), before.privateKey()), "clinic-r",
                    "stale", secret);
            byte[] newKey = part(new Sealer(keys.sealing.publicKey(), after.privateKey()), "clinic-r", "new",
                    "second".getBytes(StandardCharsets.UTF_8));

            Map<byte[], String> refused = new java.util.LinkedHashMap<>();
            refused.put(forged, "not sealed by sender key " + victim.fingerprint());
            refused.put(unregistered, "deployment clinic-zz has no registered sender key");
            refused.put(oldKeyAfterRotation, "not sealed by sender key " + after.fingerprint());
            refused.keySet().forEach(part -> kafka.send("x", part));
            kafka.send("clinic-r", newKey);

            awaitObjects(kafka, "new", 1);
            for (Map.Entry<byte[], String> e : refused.entrySet()) {
                List<ConsumerRecord<byte[], byte[]>> dead = kafka.await(Topics.deadLetter(Topics.SNAPSHOT_PARTS), 1,
                        r -> Arrays.equals(r.value(), e.getKey()), Duration.ofSeconds(60));
                assertThat(dead).as(e.getValue()).hasSize(1);
                assertThat(Parts.text(dead.get(0).headers().lastHeader("x-exception-message").value()))
                        .contains(e.getValue());
            }
            for (String snapshot : List.of("forged", "unregistered", "stale")) {
                assertThat(kafka.await(Topics.OBJECTS, Integer.MAX_VALUE,
                        r -> Parts.object(r.value()).snapshotId().equals(snapshot), Duration.ofSeconds(2)))
                        .as("nothing of snapshot %s went downstream", snapshot).isEmpty();
            }
            MeterRegistry meters = service.getBean(MeterRegistry.class);
            assertThat(meters.get("cht.backup.crypto.parts.refused").tag("reason", "not-authentic").counter().count())
                    .isEqualTo(2.0);
            assertThat(meters.get("cht.backup.crypto.parts.refused").tag("reason", "unregistered-sender").counter().count())
                    .isEqualTo(1.0);
        }
    }

    private static byte[] part(Sealer sealer, String deployment, String snapshot, byte[] plaintext) {
        String id = Parts.packId((deployment + snapshot).getBytes(StandardCharsets.UTF_8));
        byte[] sealed = sealer.seal(plaintext,
                SnapshotPartSealed.associatedData(deployment, snapshot, PartKind.PACK, id, List.of(), 0));
        return Parts.event(deployment, snapshot, PartKind.PACK, id, List.of(), sealed);
    }

    private static void awaitObjects(TestKafka kafka, String snapshot, int count) {
        assertThat(kafka.await(Topics.OBJECTS, count, r -> Parts.object(r.value()).snapshotId().equals(snapshot),
                Duration.ofSeconds(60))).as("objects of snapshot " + snapshot).hasSize(count);
    }
}
