package org.chtbackup.verify.restore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SHA-256 of one restored file, taken as its chunks are written instead of by reading the whole file back
 * afterwards. Packs are restored several at once, so a file's chunks can arrive out of order: a chunk that continues
 * the digest is hashed from the bytes in hand; one that arrives early is only noted, and read back from the file
 * once every byte before it is in. Packs are taken in file order, so a file's chunks are mostly in order: with two
 * threads, about a sixth of a large file is read back (from the page cache, where it was just written).
 * Thread-safe: the pack threads writing one file's chunks share its hash. One thread at a time feeds the digest, and
 * it hashes outside the lock, so a thread with a chunk for the same file only notes it and goes on to its next one
 * instead of waiting out another's hashing and read-back.
 */
final class RunningFileHash {

    private final Path path;
    private final MessageDigest sha256;
    /** Chunks written ahead of the digest: offset → length. */
    private final TreeMap<Long, Integer> ahead = new TreeMap<>();
    private long hashedTo;
    private long readBack;
    /** The thread feeding the digest, if any; only that thread touches {@link #sha256} meanwhile. */
    private Thread feeder;

    RunningFileHash(Path path) {
        this(path, sha256());
    }

    /** With the digest given: a test's, to hold one thread inside it. */
    RunningFileHash(Path path, MessageDigest sha256) {
        this.path = path;
        this.sha256 = sha256;
    }

    /** Records that {@code length} bytes of {@code content} from {@code from} were written at {@code offset}. */
    void written(long offset, byte[] content, int from, int length) throws IOException {
        synchronized (this) {
            if (offset < hashedTo) {
                throw overlap(offset);
            }
            if (feeder != null || offset > hashedTo) {
                if (ahead.putIfAbsent(offset, length) != null) {
                    throw new IllegalStateException("two chunks written at offset " + offset + " of " + path);
                }
                return;
            }
            feeder = Thread.currentThread();
        }
        try {
            sha256.update(content, from, length);
            synchronized (this) {
                hashedTo += length;
            }
            takeChunksThatWereAhead();
        } catch (IOException | RuntimeException e) {
            // on failure feeding ends here, unless it ended in nextInOrder already and another thread feeds now
            synchronized (this) {
                if (feeder == Thread.currentThread()) {
                    feeder = null;
                }
            }
            throw e;
        }
    }

    /**
     * Reads back and hashes the noted chunks that continue the digest, until none does. The last look and the end of
     * feeding are one step under the lock ({@link #nextInOrder}), so a chunk noted meanwhile is never left behind.
     */
    private void takeChunksThatWereAhead() throws IOException {
        Map.Entry<Long, Integer> next = nextInOrder();
        if (next == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            for (; next != null; next = nextInOrder()) {
                long at = next.getKey();
                long end = at + next.getValue();
                while (at < end) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), end - at));
                    int n = channel.read(buffer, at);
                    if (n < 0) {
                        throw new IOException(path + " ends at " + at + ", before a chunk written up to " + end);
                    }
                    sha256.update(buffer.array(), 0, n);
                    at += n;
                }
                synchronized (this) {
                    hashedTo = end;
                    readBack += next.getValue();
                }
            }
        }
    }

    /** Takes the noted chunk that continues the digest; when there is none, feeding ends. */
    private synchronized Map.Entry<Long, Integer> nextInOrder() {
        Map.Entry<Long, Integer> next = ahead.firstEntry();
        if (next != null && next.getKey() < hashedTo) {
            throw overlap(next.getKey());
        }
        if (next == null || next.getKey() != hashedTo) {
            feeder = null;
            return null;
        }
        return ahead.pollFirstEntry();
    }

    private IllegalStateException overlap(long offset) {
        return new IllegalStateException("a chunk written at offset " + offset + " of " + path
                + " overlaps bytes already hashed (up to " + hashedTo + ")");
    }

    /** How many leading bytes of the file are in the digest: the file's size once every chunk is written. */
    synchronized long hashedBytes() {
        return hashedTo;
    }

    /** Bytes read back from disk because their chunk arrived early. */
    synchronized long readBackBytes() {
        return readBack;
    }

    /** The digest of the first {@link #hashedBytes()} bytes, in lowercase hex. Call once, after the last chunk. */
    synchronized String hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
