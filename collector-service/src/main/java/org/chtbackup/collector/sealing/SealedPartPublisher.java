package org.chtbackup.collector.sealing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.chtbackup.contracts.events.EventWire;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.contracts.sealing.Sealer;

/**
 * Seals parts and publishes them to {@link Topics#SNAPSHOT_PARTS} as binary records, without waiting for each: at
 * most {@code maxInFlight} are unacknowledged at once, which bounds memory and keeps the pipe full. A pack is keyed by
 * its own id, so one host's snapshot spreads over every partition and crypto instances share it; pack lists and the
 * manifest are keyed by deployment. The first failed send is remembered and reported by {@link #confirm}.
 */
public final class SealedPartPublisher implements PartSink {

    private final Sealer sealer;
    private final Producer<byte[], byte[]> producer;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final AtomicReference<String> failure = new AtomicReference<>();

    public SealedPartPublisher(Sealer sealer, Producer<byte[], byte[]> producer, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("collector.sending.max-in-flight must be at least 1");
        }
        this.sealer = sealer;
        this.producer = producer;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    @Override
    public void send(String deploymentId, String snapshotId, PartKind kind, String objectId, List<String> packIds,
                     byte[] plaintext, int offset, int length, int listPieces) {
        byte[] aad = SnapshotPartSealed.associatedData(deploymentId, snapshotId, kind, objectId, packIds, listPieces);
        SnapshotPartSealed part = new SnapshotPartSealed(SnapshotPartSealed.VERSION, deploymentId, snapshotId, kind,
                objectId, packIds, listPieces, sealer.seal(plaintext, offset, length, aad));
        String key = kind == PartKind.PACK ? objectId : deploymentId;
        acquire(1);
        try {
            producer.send(new ProducerRecord<>(Topics.SNAPSHOT_PARTS, key.getBytes(StandardCharsets.UTF_8),
                    EventWire.encode(part)), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, describe(part, e));
                        }
                        inFlight.release();
                    });
        } catch (RuntimeException e) {
            inFlight.release();
            throw new IllegalStateException(describe(part, e), e);
        }
    }

    @Override
    public void confirm() {
        producer.flush();
        acquire(maxInFlight);
        inFlight.release(maxInFlight);
        String failed = failure.getAndSet(null);
        if (failed != null) {
            throw new IllegalStateException(failed);
        }
    }

    private void acquire(int permits) {
        try {
            // The producer fails a stuck send after delivery.timeout.ms, which releases its permit.
            if (!inFlight.tryAcquire(permits, 10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Kafka acknowledged nothing for 10 minutes: check"
                        + " spring.cloud.stream.kafka.binder.brokers and the broker's health");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    private static String describe(SnapshotPartSealed part, Exception e) {
        String hint = e instanceof RecordTooLargeException
                ? " — the topic " + Topics.SNAPSHOT_PARTS + " takes smaller records: raise its max.message.bytes (and"
                        + " collector.kafka-max-message-bytes) above collector.packing.target-bytes"
                : " — check spring.cloud.stream.kafka.binder.brokers and the broker's health";
        return "Kafka did not take " + part.kind() + " " + part.objectId() + " of " + part.deploymentId() + "/"
                + part.snapshotId() + ": " + e.getClass().getSimpleName() + hint;
    }
}
