package org.chtbackup.contracts.packs;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

/**
 * Compresses a chunk into one zstd frame and reads it back. Frames carry their content size (so {@code zstd -d}
 * and readers can size buffers) and no checksum: packs are authenticated by OpenPGP and every restored file by its
 * SHA-256. One native context per thread is reused, because creating one per chunk costs more than small chunks
 * take to compress.
 */
public final class ZstdFrames {

    /** zstd's own default: a measured balance of size and speed for CouchDB files (docs/benchmarks.md). */
    public static final int DEFAULT_LEVEL = 3;

    private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESS = ThreadLocal.withInitial(ZstdDecompressCtx::new);

    private final ThreadLocal<ZstdCompressCtx> compress;

    public ZstdFrames(int level) {
        if (level < 1 || level > 19) {
            throw new IllegalArgumentException("zstd level " + level + " is outside 1..19");
        }
        this.compress = ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(level).setChecksum(false)
                .setContentSize(true));
    }

    /** The most bytes a frame of {@code rawLength} bytes can take. */
    public static int bound(int rawLength) {
        return (int) Zstd.compressBound(rawLength);
    }

    /**
     * Compresses {@code length} bytes of {@code src} from {@code offset} into {@code dst} at {@code dstOffset}, which
     * must have {@link #bound} bytes free; returns the frame's length.
     */
    public int compress(byte[] src, int offset, int length, byte[] dst, int dstOffset) {
        return compress.get().compressByteArray(dst, dstOffset, dst.length - dstOffset, src, offset, length);
    }

    /**
     * Decompresses the frame {@code src[offset, offset + length)} into {@code dst} from {@code dstOffset}; it must
     * come to exactly {@code rawLength} bytes.
     *
     * @throws IllegalArgumentException when the bytes are not one zstd frame of that size (a damaged pack or a
     *                                  wrong location)
     */
    public static void decompress(byte[] src, int offset, int length, byte[] dst, int dstOffset, int rawLength) {
        int n;
        try {
            n = DECOMPRESS.get().decompressByteArray(dst, dstOffset, rawLength, src, offset, length);
        } catch (ZstdException e) {
            throw new IllegalArgumentException("not a zstd frame of " + rawLength + " bytes at offset " + offset + " ("
                    + e.getMessage() + ")", e);
        }
        if (n != rawLength) {
            throw new IllegalArgumentException("zstd frame at offset " + offset + " holds " + n + " bytes, its location"
                    + " says " + rawLength);
        }
    }
}
