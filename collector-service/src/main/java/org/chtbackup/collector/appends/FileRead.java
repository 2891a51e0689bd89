package org.chtbackup.collector.appends;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What one complete read of an append-only file established: which file it was (device and inode), how many
 * bytes it covered, its chunks with where each ends, and the SHA-256 state at the start of its last chunk. A later
 * read resumes there: the last chunk was cut by the end of the file, not by its content, so it is read again.
 *
 * <p>The digest state cannot be exported from the JDK's SHA-256 (whose intrinsics the full read needs), so it is
 * kept in memory only: a restarted collector reads every file in full once. Ids are kept as bytes (40 bytes a
 * chunk with its end, 0.3 MB per GiB at 128 KiB chunks) rather than as hex strings (about three times that).
 */
public final class FileRead {

    private final Object fileKey;
    private final long size;
    private static final int ID_BYTES = 32;

    private final byte[] chunkIds;
    private final long[] chunkEnds;
    private final MessageDigest digestAtLastChunk;
    private final Instant fullReadAt;

    /**
     * @param fileKey           the file's identity ({@code BasicFileAttributes.fileKey()}: device and inode)
     * @param chunkIds          every chunk of the read, in order
     * @param chunkEnds         where each chunk ends, in bytes from the start of the file
     * @param digestAtLastChunk SHA-256 over every byte before the last chunk
     * @param fullReadAt        when the file was last read from its first byte
     */
    public FileRead(Object fileKey, long size, List<String> chunkIds, long[] chunkEnds,
                    MessageDigest digestAtLastChunk, Instant fullReadAt) {
        if (chunkIds.size() != chunkEnds.length || chunkIds.isEmpty()) {
            throw new IllegalArgumentException("a read needs one end per chunk and at least one chunk");
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
        this.digestAtLastChunk = digestAtLastChunk;
        this.fullReadAt = fullReadAt;
    }

    public Object fileKey() {
        return fileKey;
    }

    public long size() {
        return size;
    }

    public Instant fullReadAt() {
        return fullReadAt;
    }

    /** Chunks a later read keeps without reading them: all but the last. */
    public int keptChunks() {
        return chunkEnds.length - 1;
    }

    /** Where a later read starts: the start of the last chunk. */
    public long resumeAt() {
        return keptChunks() == 0 ? 0 : chunkEnds[keptChunks() - 1];
    }

    public String chunkId(int i) {
        return HexFormat.of().formatHex(chunkIds, i * ID_BYTES, (i + 1) * ID_BYTES);
    }

    public long chunkStart(int i) {
        return i == 0 ? 0 : chunkEnds[i - 1];
    }

    public int chunkLength(int i) {
        return (int) (chunkEnds[i] - chunkStart(i));
    }

    /** The kept chunks' ids, in order. */
    public List<String> keptChunkIds() {
        List<String> ids = new ArrayList<>(keptChunks());
        for (int i = 0; i < keptChunks(); i++) {
            ids.add(chunkId(i));
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
}
