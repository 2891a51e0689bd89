package org.chtbackup.collector.sealing;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.sealing.Sealer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Seals parts and publishes them on the {@code snapshotParts-out-0} binding, keyed by deployment so one
 * deployment's parts stay in order on one partition.
 */
public final class SealedPartPublisher implements PartSink {

    static final String BINDING = "snapshotParts-out-0";

    private final Sealer sealer;
    private final StreamBridge bridge;

    public SealedPartPublisher(Sealer sealer, StreamBridge bridge) {
        this.sealer = sealer;
        this.bridge = bridge;
    }

    @Override
    public void send(String deploymentId, String snapshotId, PartKind kind, String objectId, List<String> chunkIds,
                     byte[] plaintext, int chunkListPieces) {
        byte[] aad = SnapshotPartSealed.associatedData(deploymentId, snapshotId, kind, objectId);
        SnapshotPartSealed part = new SnapshotPartSealed(SnapshotPartSealed.VERSION, deploymentId, snapshotId, kind,
                objectId, chunkIds, sealer.seal(plaintext, aad), chunkListPieces);
        boolean sent = bridge.send(BINDING, MessageBuilder.withPayload(part)
                .setHeader(KafkaHeaders.KEY, deploymentId.getBytes(StandardCharsets.UTF_8))
                .build());
        if (!sent) {
            throw new IllegalStateException("Kafka did not accept " + part + ": check spring.cloud.stream.kafka.binder.brokers");
        }
    }
}
