package org.chtbackup.contracts.packs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;

/**
 * A pack's content is one zstd stream of its chunks back to back. Compressing them together, not one by one, lets
 * zstd find repeats across neighbouring chunks: on CouchDB files it leaves about 3 % fewer bytes than per-chunk
 * frames at the same level and speed (docs/benchmarks.md). Restoring reads whole packs anyway. No frame checksum:
 * packs are authenticated by OpenPGP and every restored file by its SHA-256.
 */
public final class PackCompression {

    /** zstd's own default: a measured balance of size and speed for CouchDB files (docs/benchmarks.md). */
    public static final int DEFAULT_LEVEL = 3;

    /** zstd's {@code ZSTD_fast}. */
    private static final int FAST_STRATEGY = 1;

    /** How zstd searches a pack for repeats at a level. Any of them is a standard zstd stream to decompress. */
    public enum Tuning {
        /** zstd's own parameters for the level. */
        ZSTD,
        /**
         * The level's window and hash table, searched with zstd's fast strategy for matches of at least 6 bytes. At
         * level 3, measured against level 3's own search: about the same size (-0.8 % on a 40 MB real CouchDB shard,
         * +0.2 % on the repository's small ones, -0.05 % on the bench host) at 1.3 to 1.5 times the speed
         * (docs/collector.md). CouchDB's JSON bodies repeat in runs long enough that the shorter matches level 3
         * also tries cost more time than they save bytes.
         */
        COUCHDB
    }

    private PackCompression() {
    }

    /**
     * The most a pack's compressed size can grow by when a chunk of {@code chunkBytes} is added: zstd's bound for
     * it (each chunk is flushed, so nothing is held back), plus the frame's end.
     */
    public static int growthBound(int chunkBytes) {
        return (int) com.github.luben.zstd.Zstd.compressBound(chunkBytes) + 64;
    }

    /** Compresses chunks into one pack's content; {@link #finish} ends it. Not thread-safe. */
    public static final class Writer {
        private final Buffer compressed;
        private final int level;
        private final Tuning tuning;
        private ZstdOutputStreamNoFinalizer zstd;
        private long raw;

        public Writer(int level) {
            this(level, Tuning.ZSTD, 1 << 20);
        }

        /**
         * @param expectedBytes the compressed size the pack will likely reach (its target): the buffer starts that
         *                      large, so it is not grown and copied, 1 MiB to 2 to 4 to 8, pack after pack
         */
        public Writer(int level, Tuning tuning, int expectedBytes) {
            if (level < 1 || level > 19) {
                throw new IllegalArgumentException("zstd level " + level + " is outside 1..19");
            }
            this.level = level;
            this.tuning = tuning;
            compressed = new Buffer(Math.max(4096, expectedBytes));
            zstd = start();
        }

        private ZstdOutputStreamNoFinalizer start() {
            try {
                ZstdOutputStreamNoFinalizer stream = new ZstdOutputStreamNoFinalizer(compressed,
                        RecyclingBufferPool.INSTANCE);
                stream.setLevel(level).setChecksum(false);
                if (tuning == Tuning.COUCHDB) {
                    stream.setStrategy(FAST_STRATEGY).setMinMatch(6);
                }
                return stream;
            } catch (IOException e) {
                throw new UncheckedIOException("zstd could not start", e);
            }
        }

        /**
         * Begins another pack's content in the same buffer, once the last one's {@link #bytes()} are no longer
         * needed: one buffer per snapshot rather than one per pack (0.7 GB of the collector's allocations on the
         * bench host).
         */
        public void restart() {
            finish();
            compressed.reset();
            raw = 0;
            zstd = start();
        }

        /**
         * Appends a chunk; returns its offset in the pack's decompressed content. The chunk is flushed through zstd
         * (its history is kept), so {@link #compressedSize()} is exact and a pack overshoots its target by at most
         * one chunk.
         */
        public long add(byte[] chunk) {
            return add(chunk, 0, chunk.length);
        }

        /** As {@link #add(byte[])}, for {@code length} bytes of {@code data} from {@code from}. */
        public long add(byte[] data, int from, int length) {
            long offset = raw;
            try {
                zstd.write(data, from, length);
                zstd.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("zstd failed", e);
            }
            raw += length;
            return offset;
        }

        /** Bytes compressed so far. */
        public int compressedSize() {
            return compressed.size();
        }

        /** Decompressed bytes added so far. */
        public long rawSize() {
            return raw;
        }

        /** Ends the stream; the content is {@link #bytes()} up to {@link #compressedSize()}. */
        public void finish() {
            try {
                zstd.close();
            } catch (IOException e) {
                throw new UncheckedIOException("zstd failed", e);
            }
        }

        /** The compressed content's buffer (valid up to {@link #compressedSize()}), without a copy. */
        public byte[] bytes() {
            return compressed.array();
        }
    }

    /**
     * Decompresses a pack's content, refusing one that would come to more than {@code maxRaw} bytes (a damaged or
     * hostile pack must not exhaust memory).
     *
     * @throws IllegalArgumentException when the bytes are not a complete zstd stream or are too large
     */
    public static byte[] decompress(byte[] content, int offset, int length, int maxRaw) {
        Buffer out = new Buffer((int) Math.min(maxRaw, Math.max(1 << 16, length * 3L)));
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(content, offset, length),
                RecyclingBufferPool.INSTANCE)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (out.size() + n > maxRaw) {
                    throw new IllegalArgumentException("pack decompresses to more than " + maxRaw + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (ZstdException | IOException e) {
            throw unreadable(e);
        }
        return out.size() == out.array().length ? out.array() : java.util.Arrays.copyOf(out.array(), out.size());
    }

    /**
     * Decompresses only the first {@code wanted} bytes of a pack's content, straight into an array of that size: a
     * restore needs the content up to its last wanted chunk, and one array per pack (no growing, no copy) keeps its
     * memory and CPU down. Returns fewer bytes only when the content is shorter; the caller reports what is missing.
     *
     * @throws IllegalArgumentException when the bytes before that point are not a valid zstd stream
     */
    public static byte[] decompressPrefix(byte[] content, int offset, int length, int wanted) {
        byte[] out = new byte[wanted];
        int n = decompressPrefix(content, offset, length, out, wanted);
        return n == wanted ? out : java.util.Arrays.copyOf(out, n);
    }

    /**
     * As {@link #decompressPrefix(byte[], int, int, int)}, into the start of {@code out} (at least {@code wanted}
     * long), so a restore thread can reuse one array for every pack; returns how many bytes it holds: all of the
     * content when it fits in {@code out}, so possibly more than {@code wanted}.
     */
    public static int decompressPrefix(byte[] content, int offset, int length, byte[] out, int wanted) {
        // One call over the whole content is about a quarter faster than streaming it (no copies out of zstd's
        // window, no 128 KiB input steps). It needs room for all of the content, which a restore thread's reused
        // array mostly has; when it has not, or on any error, the stream below decides, as it always did.
        try {
            return (int) Zstd.decompressByteArray(out, 0, out.length, content, offset, length);
        } catch (ZstdException tooSmallOrDamaged) {
            // streamed below
        }
        try (InputStream in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(content, offset, length),
                RecyclingBufferPool.INSTANCE)) {
            return in.readNBytes(out, 0, wanted);
        } catch (ZstdException | IOException e) {
            throw unreadable(e);
        }
    }

    /** Damage zstd found (not a zstd stream) or a stream that ends too soon. */
    private static IllegalArgumentException unreadable(Exception e) {
        String what = e instanceof ZstdException ? "a valid" : "a complete";
        return new IllegalArgumentException("pack content is not " + what + " zstd stream (" + e.getMessage() + ")",
                e);
    }

    /** A byte buffer whose array can be handed on without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }
    }
}
