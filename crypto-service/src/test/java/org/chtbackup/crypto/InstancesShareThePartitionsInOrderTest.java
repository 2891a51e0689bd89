package org.chtbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances in the one consumer group {@code crypto} split the partitions between them, both do work, and each
 * deployment's objects come out in the order its parts went in.
 */
class InstancesShareThePartitionsInOrderTest {

    private static final int PARTS_PER_DEPLOYMENT = 6;

    @Test
    void twoInstancesShareTheWorkAndKeepEachDeploymentsOrder(@TempDir Path work) throws Exception {
        TestKeys keys = new TestKeys(work.resolve("keys"));
        try (TestKafka kafka = new TestKafka()) {
            ConfigurableApplicationContext first = Services.start(kafka, keys.fileSettings());
            ConfigurableApplicationContext second = Services.start(kafka, keys.fileSettings());
            try {
                awaitBalancedGroup(kafka);
                Map<String, List<String>> sent = new LinkedHashMap<>();
                List<String> deployments = deploymentsOnEveryPartition();
                for (int i = 0; i < PARTS_PER_DEPLOYMENT; i++) {
                    for (String deployment : deployments) {
                        byte[] plaintext = (deployment + " part " + i).getBytes(StandardCharsets.UTF_8);
                        kafka.send(deployment, Parts.sealedChunk(keys.sealing.publicKey(), deployment, "s1", plaintext));
                        sent.computeIfAbsent(deployment, d -> new ArrayList<>())
                                .add(ObjectLayout.chunkKey(deployment, Parts.chunkId(plaintext)));
                    }
                }
                int total = deployments.size() * PARTS_PER_DEPLOYMENT;
                List<ConsumerRecord<byte[], byte[]>> out = kafka.await(Topics.OBJECTS, total, r -> true,
                        Duration.ofSeconds(120));
                assertThat(out).hasSize(total);
                Map<String, List<String>> received = new LinkedHashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : out) {
                    ObjectEncrypted object = Parts.object(record.value());
                    received.computeIfAbsent(object.deploymentId(), d -> new ArrayList<>()).add(object.objectKey());
                }
                for (String deployment : deployments) {
                    assertThat(received.get(deployment)).as("order of " + deployment).isEqualTo(sent.get(deployment));
                }
                assertThat(encrypted(first)).as("first instance's share").isPositive();
                assertThat(encrypted(second)).as("second instance's share").isPositive();
                assertThat(encrypted(first) + encrypted(second)).isEqualTo(total);
            } finally {
                second.close();
                first.close();
            }
        }
    }

    /** One deployment per partition, found with the producer's own partitioner, so both instances get work. */
    private static List<String> deploymentsOnEveryPartition() {
        Map<Integer, String> byPartition = new TreeMap<>();
        for (int i = 0; byPartition.size() < TestKafka.PARTITIONS; i++) {
            String deployment = "clinic-" + i;
            byte[] key = deployment.getBytes(StandardCharsets.UTF_8);
            byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(key)) % TestKafka.PARTITIONS, deployment);
        }
        return List.copyOf(byPartition.values());
    }

    private static void awaitBalancedGroup(TestKafka kafka) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        try (Admin admin = kafka.admin()) {
            while (Instant.now().isBefore(deadline)) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("crypto")).all().get().get("crypto");
                if (group.members().size() == 2 && group.members().stream()
                        .allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the two instances did not both get partitions of " + Topics.SNAPSHOT_PARTS);
    }

    private static double encrypted(ConfigurableApplicationContext service) {
        return service.getBean(MeterRegistry.class).counter("cht.crypto.parts.encrypted").count();
    }
}
