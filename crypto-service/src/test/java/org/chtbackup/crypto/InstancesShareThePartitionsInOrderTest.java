package org.chtbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of two threads each in the one consumer group {@code crypto} split the partitions between them, and
 * one host's packs, keyed by pack id as collectors send them, spread over every partition: both instances encrypt
 * some of the same snapshot, and every pack comes out exactly once.
 */
class InstancesShareThePartitionsInOrderTest {

    private static final int PACKS = 24;

    @Test
    void twoInstancesShareOneHostsPacksAndEachComesOutOnce(@TempDir Path work) throws Exception {
        TestKeys keys = new TestKeys(work.resolve("keys"));
        try (TestKafka kafka = new TestKafka()) {
            ConfigurableApplicationContext first = Services.start(kafka, keys.fileSettings());
            ConfigurableApplicationContext second = Services.start(kafka, keys.fileSettings());
            try {
                awaitBalancedGroup(kafka);
                Set<String> sent = new HashSet<>();
                for (int i = 0; i < PACKS; i++) {
                    byte[] plaintext = ("clinic-1 pack " + i).getBytes(StandardCharsets.UTF_8);
                    String packId = Parts.packId(plaintext);
                    kafka.send(packId, Parts.sealedPack(keys, "clinic-1", "s1", plaintext));
                    sent.add(ObjectLayout.packKey("clinic-1", packId));
                }
                List<ConsumerRecord<byte[], byte[]>> out = kafka.await(Topics.OBJECTS, PACKS, r -> true,
                        Duration.ofSeconds(120));
                assertThat(out).hasSize(PACKS);
                assertThat(out).extracting(r -> Parts.object(r.value()).objectKey())
                        .containsExactlyInAnyOrderElementsOf(sent);
                assertThat(new java.util.HashSet<>(out.stream().map(ConsumerRecord::partition).toList()))
                        .as("one host's packs spread over at least half the partitions").hasSizeGreaterThanOrEqualTo(4);
                assertThat(encrypted(first)).as("first instance's share").isPositive();
                assertThat(encrypted(second)).as("second instance's share").isPositive();
                assertThat(encrypted(first) + encrypted(second)).isEqualTo(PACKS);
            } finally {
                second.close();
                first.close();
            }
        }
    }

    private static void awaitBalancedGroup(TestKafka kafka) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        try (Admin admin = kafka.admin()) {
            while (Instant.now().isBefore(deadline)) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("crypto")).all().get().get("crypto");
                if (group.members().size() == 4 && group.members().stream()
                        .allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the two instances' four consumers did not all get partitions of "
                + Topics.SNAPSHOT_PARTS);
    }

    private static double encrypted(ConfigurableApplicationContext service) {
        return service.getBean(MeterRegistry.class).counter("cht.crypto.parts.encrypted").count();
    }
}
