package org.chtbackup.collector.appends;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * What one complete read of an append-only file established: which file it was (device and inode), how many
 * bytes it covered, its chunks with where each ends, its SHA-256, the SHA-256 state at the start of its last chunk,
 * and hashes of three small windows of it: its first bytes, the bytes just before the resume point and its last
 * bytes. A later read resumes at the start of the last chunk (cut by the end of the file, not by its content) once
 * the first two windows still match, and keeps the whole read when the size and the last window match too.
 *
 * <p>The digest state cannot be exported from the JDK's SHA-256 (whose intrinsics the full read needs), so it is
 * kept in memory only: a restarted collector reads every file in full once. Ids are kept as bytes (40 bytes a
 * chunk with its end, 0.3 MB per GiB at 128 KiB chunks) rather than as hex strings (about three times that).
 */
public final class FileRead {

    /** Bytes per window re-hashed before a read is trusted: a CouchDB header block. */
    public static final int WINDOW = 4096;
    private static final int ID_BYTES = 32;

    private final Object fileKey;
    private final long size;
    private final byte[] chunkIds;
    private final long[] chunkEnds;
    private final String sha256;
    private final MessageDigest digestAtLastChunk;
    private final Instant fullReadAt;
    private byte[] head;
    private byte[] beforeResume;
    private byte[] end;

    private FileRead(Object fileKey, long size, List<String> chunkIds, long[] chunkEnds, String sha256,
                     MessageDigest digestAtLastChunk, Instant fullReadAt) {
        if (chunkIds.size() != chunkEnds.length || chunkIds.isEmpty() || chunkEnds[chunkEnds.length - 1] != size) {
            throw new IllegalArgumentException("a read needs one end per chunk, at least one chunk, and its size");
        }
        this.fileKey = fileKey;
        this.size = size;
        this.chunkIds = new byte[chunkIds.size() * ID_BYTES];
        for (int i = 0; i < chunkIds.size(); i++) {
            byte[] id = HexFormat.of().parseHex(chunkIds.get(i));
            if (id.length != ID_BYTES) {
                throw new IllegalArgumentException("a chunk id is " + ID_BYTES + " bytes in hex");
            }
            System.arraycopy(id, 0, this.chunkIds, i * ID_BYTES, ID_BYTES);
        }
        this.chunkEnds = chunkEnds.clone();
        this.sha256 = sha256;
        this.digestAtLastChunk = digestAtLastChunk;
        this.fullReadAt = fullReadAt;
    }

    /**
     * The read of {@code size} bytes just made, with its windows hashed from {@code file} (whose first {@code size}
     * bytes are the ones read: CouchDB only appends).
     *
     * @param chunkEnds         where each chunk ends, in bytes from the start of the file
     * @param digestAtLastChunk SHA-256 over every byte before the last chunk
     * @param fullReadAt        when the file was last read from its first byte
     * @param onRead            told how many bytes the windows read
     */
    public static FileRead of(FileChannel file, Object fileKey, long size, List<String> chunkIds, long[] chunkEnds,
                              String sha256, MessageDigest digestAtLastChunk, Instant fullReadAt,
                              LongConsumer onRead) throws IOException {
        FileRead read = new FileRead(fileKey, size, chunkIds, chunkEnds, sha256, digestAtLastChunk, fullReadAt);
        read.head = hash(file, 0, Math.min(WINDOW, size), onRead);
        read.beforeResume = hash(file, Math.max(0, read.resumeAt() - WINDOW), read.resumeAt(), onRead);
        read.end = hash(file, Math.max(0, size - WINDOW), size, onRead);
        return read.head == null || read.beforeResume == null || read.end == null ? null : read;
    }

    /** The first bytes and the bytes before the resume point are still the ones read. */
    public boolean earlierBytesMatch(FileChannel file, LongConsumer onRead) throws IOException {
        return Arrays.equals(head, hash(file, 0, Math.min(WINDOW, size), onRead))
                && Arrays.equals(beforeResume, hash(file, Math.max(0, resumeAt() - WINDOW), resumeAt(), onRead));
    }

    /** With {@link #earlierBytesMatch}: nothing was appended since (same size, same last bytes). */
    public boolean unchanged(FileChannel file, long sizeNow, LongConsumer onRead) throws IOException {
        return sizeNow == size && Arrays.equals(end, hash(file, Math.max(0, size - WINDOW), size, onRead));
    }

    public Object fileKey() {
        return fileKey;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    public Instant fullReadAt() {
        return fullReadAt;
    }

    public int chunks() {
        return chunkEnds.length;
    }

    /** Chunks a resumed read keeps without reading them: all but the last. */
    public int keptChunks() {
        return chunks() - 1;
    }

    /** Where a resumed read starts: the start of the last chunk. */
    public long resumeAt() {
        return chunkStart(chunks() - 1);
    }

    public long chunkStart(int i) {
        return i == 0 ? 0 : chunkEnds[i - 1];
    }

    public int chunkLength(int i) {
        return (int) (chunkEnds[i] - chunkStart(i));
    }

    /** The ids of the first {@code n} chunks, in order. */
    public List<String> chunkIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(HexFormat.of().formatHex(chunkIds, i * ID_BYTES, (i + 1) * ID_BYTES));
        }
        return ids;
    }

    /** A fresh copy of the SHA-256 state at {@link #resumeAt()}: each resumed read mutates its own. */
    public MessageDigest digestAtResume() {
        try {
            return (MessageDigest) digestAtLastChunk.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JVM's SHA-256 cannot be cloned", e);
        }
    }

    /** SHA-256 of bytes {@code [from, to)} of the file, or null when the file is shorter. */
    private static byte[] hash(FileChannel file, long from, long to, LongConsumer onRead) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) (to - from));
        while (buffer.hasRemaining()) {
            if (file.read(buffer, from + buffer.position()) < 0) {
                return null;
            }
        }
        onRead.accept(to - from);
        try {
            return MessageDigest.getInstance("SHA-256").digest(buffer.array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }
}
