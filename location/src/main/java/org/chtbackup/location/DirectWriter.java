package org.chtbackup.location;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * Writes a file with direct I/O ({@code O_DIRECT}): from a reused, aligned buffer straight to the device, not
 * through the page cache. A location's objects are written once and read rarely (by a drill or a restore), so
 * caching them only evicts what the machine does read; and filling new page-cache pages is what a buffered write
 * costs most on the bench machine (a 77 MB file: 0.66 s of system time buffered, 0.01 s direct; docs/storage.md).
 *
 * <p>Direct I/O moves whole blocks of the filesystem's size from block-aligned memory, so the last, partial block
 * is written zero-padded and the file is then truncated to the object's length.
 */
final class DirectWriter {

    /** Opens a file for writing; direct unless a test says otherwise. */
    interface Opener {
        FileChannel open(Path file) throws IOException;
    }

    private static final int STAGING_BYTES = 1 << 20;
    private static final int MAX_ALIGNMENT = 1 << 20;

    private final Opener opener;
    private final int alignment;
    private final ThreadLocal<ByteBuffer> staging;

    DirectWriter(Opener opener, int alignment) {
        if (alignment <= 0 || alignment > MAX_ALIGNMENT || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("direct I/O alignment must be a power of two up to 1 MiB: " + alignment);
        }
        this.opener = opener;
        this.alignment = alignment;
        // One buffer per writing thread, reused for every object: its pages are touched once.
        this.staging = ThreadLocal.withInitial(
                () -> ByteBuffer.allocateDirect(STAGING_BYTES + alignment).alignedSlice(alignment));
    }

    /**
     * A writer for files in {@code dir}, aligned to its filesystem's block size, or null when that size cannot be
     * used for direct I/O. Whether the filesystem accepts direct I/O at all is learnt at the first write.
     */
    static DirectWriter forDirectory(Path dir) throws IOException {
        long blockSize = Files.getFileStore(dir).getBlockSize();
        if (blockSize <= 0 || blockSize > MAX_ALIGNMENT || Long.bitCount(blockSize) != 1) {
            return null;
        }
        return new DirectWriter(
                file -> FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT), (int) blockSize);
    }

    /** Writes {@code object} as the whole content of the existing {@code file} and forces it to the device. */
    void write(Path file, byte[] object) throws IOException {
        ByteBuffer buffer = staging.get();
        try (FileChannel channel = opener.open(file)) {
            int offset = 0;
            while (offset < object.length) {
                int length = Math.min(buffer.capacity(), object.length - offset);
                int padded = (length + alignment - 1) & -alignment;
                buffer.clear();
                buffer.put(object, offset, length);
                while (buffer.position() < padded) {
                    buffer.put((byte) 0);
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                offset += length;
            }
            channel.truncate(object.length);
            forceWhole(channel, object.length);
        }
    }

    /** Forces the file to the device and fails unless it holds exactly {@code length} bytes, however written. */
    static void forceWhole(FileChannel channel, long length) throws IOException {
        channel.force(true);
        if (channel.size() != length) {
            throw new IOException("wrote " + channel.size() + " of " + length + " bytes");
        }
    }
}
