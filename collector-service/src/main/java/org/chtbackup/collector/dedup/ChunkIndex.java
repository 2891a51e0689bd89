package org.chtbackup.collector.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

import org.chtbackup.contracts.packs.ChunkLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chunks confirmed in every required location, and the pack each lies in, as an append-only file of fixed-size
 * records (chunk id, pack id, offset, length, CRC32C), each batch forced to disk. A torn last record from
 * a crash, or any record whose checksum fails, is dropped on load: the chunk is simply sent again. The file starts
 * with the fingerprint of the dedup key it was written under; under another key (a rotated key, a copied file), or
 * written by an earlier build that kept no pack locations, it is started afresh, since its entries would not name
 * these chunks or say where they are.
 *
 * <p>When storage prunes packs, {@link #removePacks} forgets every chunk in them (a rare rewrite of the file), so
 * the next snapshot sends such a chunk again instead of naming a pack that is gone.
 */
public final class ChunkIndex {

    private static final Logger log = LoggerFactory.getLogger(ChunkIndex.class);
    private static final byte[] MAGIC = "cht-backup chunk index v3\n".getBytes(StandardCharsets.US_ASCII);
    private static final int ID_BYTES = 32;
    private static final int RECORD = ID_BYTES * 2 + 8 + 4 + 4;

    private final Path file;
    private final byte[] header;
    private final Map<String, ChunkLocation> chunks = new HashMap<>();

    private ChunkIndex(Path file, byte[] header) {
        this.file = file;
        this.header = header;
    }

    /**
     * Opens (or creates) the index at {@code file} for chunks named under the dedup key whose fingerprint is
     * {@code keyFingerprint}.
     */
    public static ChunkIndex open(Path file, byte[] keyFingerprint) {
        ChunkIndex index = new ChunkIndex(file, header(keyFingerprint));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                byte[] all = Files.readAllBytes(file);
                if (all.length >= index.header.length
                        && Arrays.equals(all, 0, index.header.length, index.header, 0, index.header.length)) {
                    index.load(all, index.header.length);
                    return index;
                }
                log.warn("chunk index {} was written under another dedup key, by an earlier build, or is damaged:"
                        + " starting afresh (the next snapshot re-sends its chunks)", file);
            }
            index.rewrite(Map.of());
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the chunk index " + file + ": check collector.state-dir", e);
        }
    }

    private void load(byte[] all, int offset) {
        int dropped = 0;
        for (int at = offset; at + RECORD <= all.length; at += RECORD) {
            CRC32C crc = new CRC32C();
            crc.update(all, at, RECORD - 4);
            ByteBuffer record = ByteBuffer.wrap(all, at, RECORD);
            if ((int) crc.getValue() != record.getInt(at + RECORD - 4)) {
                dropped++;
                continue;
            }
            try {
                String id = HexFormat.of().formatHex(all, at, at + ID_BYTES);
                String pack = HexFormat.of().formatHex(all, at + ID_BYTES, at + 2 * ID_BYTES);
                chunks.put(id, new ChunkLocation(pack, record.getLong(at + 2 * ID_BYTES),
                        record.getInt(at + 2 * ID_BYTES + 8)));
            } catch (IllegalArgumentException e) {
                dropped++;
            }
        }
        int torn = (all.length - offset) % RECORD;
        if (dropped > 0 || torn > 0) {
            log.warn("chunk index {}: dropped {} damaged records and {} bytes of a torn one; those chunks are re-sent",
                    file, dropped, torn);
        }
    }

    /** Where a chunk stored everywhere lies, or null when it must be sent. */
    public synchronized ChunkLocation locate(String chunkId) {
        return chunks.get(chunkId);
    }

    public synchronized boolean contains(String chunkId) {
        return chunks.containsKey(chunkId);
    }

    public synchronized int size() {
        return chunks.size();
    }

    /** Appends the chunks not yet known and forces them to disk before returning. */
    public synchronized void addAll(Map<String, ChunkLocation> located) {
        ByteBuffer records = ByteBuffer.allocate(located.size() * RECORD);
        Map<String, ChunkLocation> added = new HashMap<>();
        located.forEach((id, at) -> {
            if (!chunks.containsKey(id) && added.putIfAbsent(id, at) == null) {
                put(records, id, at);
            }
        });
        records.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            // A crash mid-write leaves a torn tail, dropped on load; append at a record boundary first.
            long misaligned = (ch.size() - header.length) % RECORD;
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
        chunks.putAll(added);
    }

    /** Forgets every chunk that lies in one of {@code packIds}; returns how many were forgotten. */
    public synchronized int removePacks(Collection<String> packIds) {
        Set<String> gone = Set.copyOf(packIds);
        Map<String, ChunkLocation> kept = new HashMap<>();
        chunks.forEach((id, at) -> {
            if (!gone.contains(at.packId())) {
                kept.put(id, at);
            }
        });
        int removed = chunks.size() - kept.size();
        if (removed > 0) {
            try {
                rewrite(kept);
            } catch (IOException e) {
                throw new UncheckedIOException("rewriting the chunk index " + file + " failed", e);
            }
            chunks.clear();
            chunks.putAll(kept);
        }
        return removed;
    }

    private void rewrite(Map<String, ChunkLocation> entries) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(header.length + entries.size() * RECORD).put(header);
        entries.forEach((id, at) -> put(all, id, at));
        all.flip();
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (all.hasRemaining()) {
                ch.write(all);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void put(ByteBuffer out, String chunkId, ChunkLocation at) {
        int start = out.position();
        byte[] id = HexFormat.of().parseHex(chunkId);
        if (id.length != ID_BYTES) {
            throw new IllegalArgumentException("chunk id '" + chunkId + "' is not 32 bytes of hex");
        }
        out.put(id).put(HexFormat.of().parseHex(at.packId())).putLong(at.offset()).putInt(at.length());
        CRC32C crc = new CRC32C();
        crc.update(out.array(), start, RECORD - 4);
        out.putInt((int) crc.getValue());
    }

    private static byte[] header(byte[] keyFingerprint) {
        if (keyFingerprint.length != 32) {
            throw new IllegalArgumentException("key fingerprint must be 32 bytes");
        }
        return ByteBuffer.allocate(MAGIC.length + 32).put(MAGIC).put(keyFingerprint).array();
    }
}
