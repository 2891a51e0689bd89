package org.chtbackup.couchdb.block;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Read-only, positional access to a CouchDB file's blocks and chunks. Every 4096-byte block starts
 * with a marker byte that is not part of any chunk, so a chunk's payload is reassembled around them.
 * Thread-safe: it keeps no read position of its own.
 */
public final class BlockFile implements Closeable {

    public static final int BLOCK_SIZE = 4096;
    static final byte DATA_MARKER = 0;
    static final byte HEADER_MARKER = 1;
    /** Bytes read ahead on the first read of a chunk so most chunks need one pread. */
    private static final int READ_AHEAD = 8192;
    /**
     * The largest chunk this reader takes into memory. CouchDB writes documents up to max_document_size (8 MB by
     * default) and attachments in small pieces; a length word beyond this is damage (a flipped bit, a torn write),
     * and believing it would let one bad word exhaust the heap.
     */
    public static final int MAX_CHUNK_BYTES = 64 << 20;

    private final Path path;
    private final FileChannel channel;
    private final long size;

    private BlockFile(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    public static BlockFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        return new BlockFile(path, channel, channel.size());
    }

    public Path path() {
        return path;
    }

    /** Size when opened: a file still being appended to is read as it was then. */
    public long size() {
        return size;
    }

    /**
     * Reads the chunk that starts at {@code pos}: a 4-byte length word (high bit set when a 16-byte
     * checksum follows) and its payload. A checksum that matches neither MD5 nor XXH3-128 fails.
     */
    public Chunk readChunk(long pos) throws CouchFormatException {
        if (pos < 0 || pos >= size) {
            throw new CouchFormatException(path, pos, "chunk pointer outside the file (size " + size + ")");
        }
        byte[] window = readPhysical(pos, (int) Math.min(READ_AHEAD, size - pos));
        if (physicalLength(pos, 4) > window.length) {
            throw new CouchFormatException(path, pos, "chunk length word runs past end of file");
        }
        byte[] word = strip(window, pos, 4);
        int raw = ((word[0] & 0xff) << 24) | ((word[1] & 0xff) << 16) | ((word[2] & 0xff) << 8) | (word[3] & 0xff);
        boolean checksummed = raw < 0;
        long payload = (raw & 0x7fffffffL) + (checksummed ? 16 : 0);
        if (payload > MAX_CHUNK_BYTES) {
            throw new CouchFormatException(path, pos, "chunk length word says " + payload + " bytes, more than the "
                    + MAX_CHUNK_BYTES + " this reader takes (CouchDB's own are far smaller): damaged");
        }
        long physical = physicalLength(pos, 4 + payload);
        if (pos + physical > size) {
            throw new CouchFormatException(path, pos,
                    "chunk of " + payload + " bytes runs past end of file (size " + size + ")");
        }
        if (physical > window.length) {
            window = readPhysical(pos, (int) physical);
        }
        byte[] all = strip(window, pos, (int) (4 + payload));
        if (!checksummed) {
            return new Chunk(pos, slice(all, 4, all.length), null, pos + physical);
        }
        byte[] stored = slice(all, 4, 20);
        Checksum kind = Checksum.verify(all, 20, all.length - 20, stored);
        if (kind == null) {
            throw new CouchFormatException(path, pos, "checksum mismatch: neither MD5 nor XXH3-128 of the "
                    + (all.length - 20) + "-byte chunk matches the stored one");
        }
        return new Chunk(pos, slice(all, 20, all.length), kind, pos + physical);
    }

    /** Reads {@code len} payload bytes starting at {@code pos}, skipping block markers. */
    public byte[] readPayload(long pos, int len) throws CouchFormatException {
        if (len < 0 || len > MAX_CHUNK_BYTES) {
            throw new CouchFormatException(path, pos, len + " bytes asked for, more than the " + MAX_CHUNK_BYTES
                    + " this reader takes at once: damaged");
        }
        long physical = physicalLength(pos, len);
        if (pos < 0 || pos + physical > size) {
            throw new CouchFormatException(path, pos, len + " bytes run past end of file (size " + size + ")");
        }
        return strip(readPhysical(pos, (int) physical), pos, len);
    }

    /** The marker byte of a block, or -1 beyond the end of the file. */
    public int marker(long block) throws CouchFormatException {
        long pos = block * BLOCK_SIZE;
        if (pos >= size) {
            return -1;
        }
        return readPhysical(pos, 1)[0] & 0xff;
    }

    /** Bytes exactly as on disk (markers included); fewer than asked only at the end of the file. */
    public byte[] readPhysical(long pos, int len) throws CouchFormatException {
        int n = (int) Math.max(0, Math.min(len, size - pos));
        ByteBuffer buf = ByteBuffer.allocate(n);
        try {
            while (buf.hasRemaining()) {
                if (channel.read(buf, pos + buf.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new CouchFormatException(path, pos, "read failed: " + e.getMessage(), e);
        }
        return buf.position() == n ? buf.array() : slice(buf.array(), 0, buf.position());
    }

    /** How many on-disk bytes hold {@code len} payload bytes starting at {@code pos} (couch_file's rule). */
    public static long physicalLength(long pos, long len) {
        long offset = pos % BLOCK_SIZE;
        long extra = 0;
        if (offset == 0) {
            extra = 1;
            offset = 1;
        }
        long left = BLOCK_SIZE - offset;
        if (left >= len) {
            return extra + len;
        }
        long rest = len - left;
        return extra + len + rest / (BLOCK_SIZE - 1) + (rest % (BLOCK_SIZE - 1) == 0 ? 0 : 1);
    }

    /** Copies {@code count} payload bytes out of {@code phys} (which starts on disk at {@code start}). */
    private byte[] strip(byte[] phys, long start, int count) throws CouchFormatException {
        byte[] out = new byte[count];
        int in = 0;
        int done = 0;
        while (done < count) {
            long at = start + in;
            if (at % BLOCK_SIZE == 0) {
                byte marker = phys[in];
                if (marker != DATA_MARKER && marker != HEADER_MARKER) {
                    throw new CouchFormatException(path, at, "block marker is " + (marker & 0xff) + ", not 0 or 1");
                }
                in++;
                continue;
            }
            int run = (int) Math.min(count - done, BLOCK_SIZE - (at % BLOCK_SIZE));
            System.arraycopy(phys, in, out, done, run);
            in += run;
            done += run;
        }
        return out;
    }

    static byte[] slice(byte[] a, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(a, from, out, 0, out.length);
        return out;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
