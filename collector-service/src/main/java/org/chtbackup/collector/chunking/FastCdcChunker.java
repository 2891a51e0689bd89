package org.chtbackup.collector.chunking;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * FastCDC with normalized chunking (Xia et al., USENIX ATC 2016): a gear rolling hash cuts where its masked
 * bits are zero, with a stricter mask before the average size and a looser one after, so chunk sizes
 * cluster around the average. An append to a file changes only the chunks from the old end onwards.
 *
 * <p>Streams: holds at most {@code max} bytes of the input at a time. Not thread-safe.
 */
public final class FastCdcChunker {

    /** The gear table is part of the dedup format: changing it re-chunks (and re-sends) everything once. */
    private static final long[] GEAR = gearTable();

    private final ChunkSizes sizes;
    private final long maskStrict;
    private final long maskLoose;
    private final InputStream in;
    private final byte[] buffer;
    private int start;
    private int end;
    private int chunkOffset;
    private boolean eof;

    public FastCdcChunker(InputStream in, ChunkSizes sizes) {
        this.in = in;
        this.sizes = sizes;
        int bits = 31 - Integer.numberOfLeadingZeros(sizes.average());
        this.maskStrict = spreadMask(bits + 2);
        this.maskLoose = spreadMask(bits - 2);
        this.buffer = new byte[sizes.max() * 2];
    }

    /** The next chunk, or null at the end of the input. */
    public byte[] next() throws IOException {
        int length = advance();
        return length < 0 ? null : Arrays.copyOfRange(buffer, chunkOffset, chunkOffset + length);
    }

    /**
     * Moves to the next chunk without copying it: returns its length, or -1 at the end of the input. The chunk is
     * {@link #array()} from {@link #offset()}, valid until the next call. A snapshot reads every byte of the host
     * through here, so a copy per chunk was the collector's largest allocation (1.5 GB of 3.5 GB on the bench host).
     */
    public int advance() throws IOException {
        fill();
        int available = end - start;
        if (available == 0) {
            return -1;
        }
        int length = cut(buffer, start, available);
        chunkOffset = start;
        start += length;
        return length;
    }

    /** The array that holds the chunk {@link #advance} moved to. */
    public byte[] array() {
        return buffer;
    }

    /** Where that chunk starts in {@link #array()}. */
    public int offset() {
        return chunkOffset;
    }

    private void fill() throws IOException {
        if (end - start >= sizes.max() || eof) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end < buffer.length && !eof) {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
    }

    /** Length of the chunk that starts at {@code offset}, given {@code available} bytes. */
    private int cut(byte[] data, int offset, int available) {
        if (available <= sizes.min()) {
            return available;
        }
        int limit = Math.min(available, sizes.max());
        int normal = Math.min(limit, sizes.average());
        long hash = 0;
        int i = sizes.min();
        for (; i < normal; i++) {
            hash = (hash << 1) + GEAR[data[offset + i] & 0xff];
            if ((hash & maskStrict) == 0) {
                return i + 1;
            }
        }
        for (; i < limit; i++) {
            hash = (hash << 1) + GEAR[data[offset + i] & 0xff];
            if ((hash & maskLoose) == 0) {
                return i + 1;
            }
        }
        return limit;
    }

    /** A mask of {@code bits} one-bits spread over the high 48 bits, as FastCDC recommends. */
    private static long spreadMask(int bits) {
        long mask = 0;
        int step = Math.max(1, 48 / bits);
        for (int i = 0, bit = 63; i < bits && bit >= 0; i++, bit -= step) {
            mask |= 1L << bit;
        }
        return mask;
    }

    private static long[] gearTable() {
        SplittableRandom random = new SplittableRandom(0x6368742d6261636bL); // "cht-back": fixed forever
        long[] table = new long[256];
        for (int i = 0; i < table.length; i++) {
            table[i] = random.nextLong();
        }
        return table;
    }
}
