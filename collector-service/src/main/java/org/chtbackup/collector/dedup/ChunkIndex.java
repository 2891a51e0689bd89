package org.chtbackup.collector.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chunk ids confirmed in every required location, as an append-only file of fixed-size records (32-byte id +
 * CRC32C), each batch forced to disk. A torn last record from a crash, or any record whose checksum fails, is
 * dropped on load: the chunk is simply sent again. The file starts with the fingerprint of the dedup key it was
 * written under; under another key (a rotated key, a copied file) it is started afresh, since its ids would name
 * different chunks.
 */
public final class ChunkIndex {

    private static final Logger log = LoggerFactory.getLogger(ChunkIndex.class);
    private static final byte[] MAGIC = "cht-backup chunk index v1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int ID_BYTES = 32;
    private static final int RECORD = ID_BYTES + 4;

    private final Path file;
    private final Set<String> ids = new HashSet<>();

    private ChunkIndex(Path file) {
        this.file = file;
    }

    /**
     * Opens (or creates) the index at {@code file} for chunks named under the dedup key whose fingerprint is
     * {@code keyFingerprint}.
     */
    public static ChunkIndex open(Path file, byte[] keyFingerprint) {
        ChunkIndex index = new ChunkIndex(file);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] header = header(keyFingerprint);
            if (Files.exists(file)) {
                byte[] all = Files.readAllBytes(file);
                if (all.length >= header.length && Arrays.equals(all, 0, header.length, header, 0, header.length)) {
                    index.load(all, header.length);
                    return index;
                }
                log.warn("chunk index {} was written under another dedup key or is damaged: starting afresh "
                        + "(the next snapshot re-sends its chunks)", file);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".new");
            Files.write(tmp, header);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the chunk index " + file + ": check collector.state-dir", e);
        }
    }

    private void load(byte[] all, int offset) {
        int dropped = 0;
        for (int at = offset; at + RECORD <= all.length; at += RECORD) {
            CRC32C crc = new CRC32C();
            crc.update(all, at, ID_BYTES);
            if ((int) crc.getValue() == ByteBuffer.wrap(all, at + ID_BYTES, 4).getInt()) {
                ids.add(HexFormat.of().formatHex(all, at, at + ID_BYTES));
            } else {
                dropped++;
            }
        }
        int torn = (all.length - offset) % RECORD;
        if (dropped > 0 || torn > 0) {
            log.warn("chunk index {}: dropped {} damaged records and {} bytes of a torn one; those chunks are re-sent",
                    file, dropped, torn);
        }
    }

    public synchronized boolean contains(String chunkId) {
        return ids.contains(chunkId);
    }

    public synchronized int size() {
        return ids.size();
    }

    /** Appends the ids not yet known and forces them to disk before returning. */
    public synchronized void addAll(Collection<String> chunkIds) {
        ByteBuffer records = ByteBuffer.allocate(chunkIds.size() * RECORD);
        Set<String> added = new HashSet<>();
        for (String id : chunkIds) {
            if (ids.contains(id) || !added.add(id)) {
                continue;
            }
            byte[] raw = HexFormat.of().parseHex(id);
            if (raw.length != ID_BYTES) {
                throw new IllegalArgumentException("chunk id '" + id + "' is not 32 bytes of hex");
            }
            CRC32C crc = new CRC32C();
            crc.update(raw);
            records.put(raw).putInt((int) crc.getValue());
        }
        records.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            // A crash mid-write leaves a torn tail, dropped on load; append at a record boundary first.
            long misaligned = (ch.size() - MAGIC.length - 32) % RECORD;
            if (misaligned != 0) {
                ch.truncate(ch.size() - misaligned);
            }
            while (records.hasRemaining()) {
                ch.write(records);
            }
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("appending to the chunk index " + file + " failed", e);
        }
        ids.addAll(added);
    }

    private static byte[] header(byte[] keyFingerprint) {
        if (keyFingerprint.length != 32) {
            throw new IllegalArgumentException("key fingerprint must be 32 bytes");
        }
        return ByteBuffer.allocate(MAGIC.length + 32).put(MAGIC).put(keyFingerprint).array();
    }
}
