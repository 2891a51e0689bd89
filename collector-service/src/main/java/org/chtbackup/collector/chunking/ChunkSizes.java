package org.chtbackup.collector.chunking;

/**
 * Chunk size bounds in bytes. {@code max} must keep a sealed chunk under the Kafka topic's message limit.
 */
public record ChunkSizes(int min, int average, int max) {

    /** 32 KiB / 128 KiB / 512 KiB: small enough that appends re-send little, large enough for few objects. */
    public static final ChunkSizes DEFAULT = new ChunkSizes(32 * 1024, 128 * 1024, 512 * 1024);

    public ChunkSizes {
        if (min < 64 || !(min < average && average < max) || Integer.bitCount(average) != 1) {
            throw new IllegalArgumentException("chunk sizes need 64 <= min < average < max and average a power of two; got "
                    + min + "/" + average + "/" + max);
        }
    }
}
