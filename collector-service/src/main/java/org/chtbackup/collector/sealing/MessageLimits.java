package org.chtbackup.collector.sealing;

import org.chtbackup.collector.chunking.ChunkSizes;

/**
 * Whether the largest chunk still fits one Kafka message once sealed and sent as JSON: the sealed bytes are
 * base64 in the event (4/3 of their size), plus the seal's own overhead and the event's other fields.
 */
public final class MessageLimits {

    /** Generous bound on the seal's overhead (encapsulated key, tag, format header). */
    static final int SEAL_OVERHEAD = 1024;
    /** Generous bound on the event's other fields, record key and headers. */
    static final int ENVELOPE = 16 * 1024;

    /** The largest JSON message a chunk of {@code chunkBytes} can become. */
    public static long messageBound(int chunkBytes) {
        long sealed = (long) chunkBytes + SEAL_OVERHEAD;
        return (sealed + 2) / 3 * 4 + ENVELOPE;
    }

    /**
     * How many chunk ids one CHUNK_LIST part may carry so that both its event and the stored-object event crypto
     * makes of it (ids become keys {@code <deployment>/chunks/xx/<id>}, quoted, comma-separated) fit the limit.
     */
    public static int chunkIdsPerPiece(int maxMessageBytes, String deploymentId) {
        int perKey = deploymentId.length() + "/chunks/xx/".length() + 64 + 3;
        long fits = ((long) maxMessageBytes - ENVELOPE - SEAL_OVERHEAD * 2) / perKey;
        if (fits < 1) {
            throw new IllegalArgumentException("collector.kafka-max-message-bytes " + maxMessageBytes
                    + " is too small to carry chunk lists: use at least 64 KiB");
        }
        return (int) Math.min(org.chtbackup.contracts.events.SnapshotPartSealed.MAX_IDS_PER_PIECE, fits);
    }

    /** @throws IllegalArgumentException naming the keys to change when the largest chunk would not fit */
    public static void check(ChunkSizes sizes, int maxMessageBytes) {
        long bound = messageBound(sizes.max());
        if (bound > maxMessageBytes) {
            throw new IllegalArgumentException("collector.chunking.max " + sizes.max() + " makes messages of up to "
                    + bound + " bytes, over the topics' limit of " + maxMessageBytes + " (collector.kafka-max-message-bytes,"
                    + " max.message.bytes): lower collector.chunking.max");
        }
    }

    private MessageLimits() {
    }
}
