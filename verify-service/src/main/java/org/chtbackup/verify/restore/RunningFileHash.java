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
 * once every byte before it is in. Packs are taken in file order, so only a few chunks per file are read back.
 * Thread-safe: the pack threads writing one file's chunks share its hash.
 */
final class RunningFileHash {

    private final Path path;
    private final MessageDigest sha256 = sha256();
    /** Chunks written ahead of the digest: offset → length. */
    private final TreeMap<Long, Integer> ahead = new TreeMap<>();
    private long hashedTo;
    private long readBack;

    RunningFileHash(Path path) {
        this.path = path;
    }

    /** Records that {@code length} bytes of {@code content} from {@code from} were written at {@code offset}. */
    synchronized void written(long offset, byte[] content, int from, int length) throws IOException {
        if (offset > hashedTo) {
            if (ahead.putIfAbsent(offset, length) != null) {
                throw new IllegalStateException("two chunks written at offset " + offset + " of " + path);
            }
            return;
        }
        if (offset < hashedTo) {
            throw new IllegalStateException("a chunk written at offset " + offset + " of " + path
                    + " overlaps bytes already hashed (up to " + hashedTo + ")");
        }
        sha256.update(content, from, length);
        hashedTo += length;
        takeChunksThatWereAhead();
    }

    private void takeChunksThatWereAhead() throws IOException {
        Map.Entry<Long, Integer> next = ahead.firstEntry();
        if (next == null || next.getKey() != hashedTo) {
            return;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            while (next != null && next.getKey() == hashedTo) {
                ahead.pollFirstEntry();
                long end = hashedTo + next.getValue();
                while (hashedTo < end) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), end - hashedTo));
                    int n = channel.read(buffer, hashedTo);
                    if (n < 0) {
                        throw new IOException(path + " ends at " + hashedTo + ", before a chunk written up to " + end);
                    }
                    sha256.update(buffer.array(), 0, n);
                    hashedTo += n;
                    readBack += n;
                }
                next = ahead.firstEntry();
            }
        }
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
