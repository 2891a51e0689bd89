package org.chtbackup.collector.reporting;

import java.nio.charset.StandardCharsets;

import org.chtbackup.collector.snapshot.SnapshotEvents;
import org.chtbackup.contracts.events.SnapshotCompleted;
import org.chtbackup.contracts.events.SnapshotFailed;
import org.chtbackup.contracts.events.SnapshotProgressed;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

/** Sends snapshot events through the {@code snapshotProgress}, {@code snapshotCompleted} and {@code snapshotFailed} bindings. */
public final class KafkaSnapshotEvents implements SnapshotEvents {

    static final String PROGRESS = "snapshotProgress-out-0";
    static final String COMPLETED = "snapshotCompleted-out-0";
    static final String FAILED = "snapshotFailed-out-0";

    private final StreamBridge bridge;

    public KafkaSnapshotEvents(StreamBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public void progressed(SnapshotProgressed event) {
        send(PROGRESS, event.deploymentId(), event);
    }

    @Override
    public void completed(SnapshotCompleted event) {
        send(COMPLETED, event.deploymentId(), event);
    }

    @Override
    public void failed(SnapshotFailed event) {
        send(FAILED, event.deploymentId(), event);
    }

    private void send(String binding, String deploymentId, Object event) {
        boolean sent = bridge.send(binding, MessageBuilder.withPayload(event)
                .setHeader(KafkaHeaders.KEY, deploymentId.getBytes(StandardCharsets.UTF_8)).build());
        if (!sent) {
            throw new IllegalStateException("Kafka did not accept a " + event.getClass().getSimpleName()
                    + " on " + binding + ": check spring.cloud.stream.kafka.binder.brokers");
        }
    }
}
