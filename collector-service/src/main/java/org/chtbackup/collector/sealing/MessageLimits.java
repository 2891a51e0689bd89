package org.chtbackup.collector.sealing;

import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.packing.PackSettings;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.packs.PackCompression;

/**
 * Whether the largest pack still fits one Kafka message once sealed and framed: a pack may overshoot its target by
 * one compressed chunk and a block zstd held back, then the seal and the record's envelope add a little.
 */
public final class MessageLimits {

    /** Generous bound on the seal's overhead (encapsulated key, tag, format header). */
    public static final int SEAL_OVERHEAD = 1024;
    /** Generous bound on the envelope's other fields (ids, names: a few hundred bytes), record key and headers. */
    public static final int ENVELOPE = 2 * 1024;
    /** Generous bound on Kafka's framing of a one-record batch (a 61-byte batch header, the record's varints). */
    public static final int BATCH_FRAMING = 1024;

    /** The largest record a pack can become. */
    public static long packBound(PackSettings packing, ChunkSizes sizes) {
        return (long) packing.targetBytes() + PackCompression.growthBound(sizes.max()) + SEAL_OVERHEAD + ENVELOPE;
    }

    /**
     * The producer's {@code batch.size}: a batch buffer that holds the largest pack. Kafka reuses only buffers of
     * exactly {@code batch.size}; a record larger than that gets a buffer of its own per send, which lives until the
     * broker acknowledges it, outlives young collections and fills the old generation (full collections).
     */
    public static int producerBatchBytes(PackSettings packing, ChunkSizes sizes) {
        return Math.toIntExact(packBound(packing, sizes) + BATCH_FRAMING);
    }

    /** How many pack ids one list piece may carry so that its event, and the object crypto makes of it, fit. */
    public static int packIdsPerPiece(int maxMessageBytes, String deploymentId) {
        int perKey = deploymentId.length() + "/packs/xx/".length() + 64 + 2;
        long fits = ((long) maxMessageBytes - ENVELOPE - SEAL_OVERHEAD * 2) / perKey;
        if (fits < 1) {
            throw new IllegalArgumentException("collector.kafka-max-message-bytes " + maxMessageBytes
                    + " is too small to carry pack lists: use at least 64 KiB");
        }
        return (int) Math.min(SnapshotPartSealed.MAX_IDS_PER_PIECE, fits);
    }

    /** @throws IllegalArgumentException naming the keys to change when the largest pack would not fit */
    public static void check(PackSettings packing, ChunkSizes sizes, int maxMessageBytes) {
        long bound = packBound(packing, sizes);
        if (bound > maxMessageBytes) {
            throw new IllegalArgumentException("collector.packing.target-bytes " + packing.targetBytes()
                    + " makes records of up to " + bound + " bytes, over the topics' limit of " + maxMessageBytes
                    + " (collector.kafka-max-message-bytes, max.message.bytes): lower collector.packing.target-bytes");
        }
    }

    private MessageLimits() {
    }
}
