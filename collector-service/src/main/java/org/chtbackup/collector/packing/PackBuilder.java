package org.chtbackup.collector.packing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import org.chtbackup.collector.sealing.PartSink;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.packs.ChunkLocation;
import org.chtbackup.contracts.packs.PackCompression;

/**
 * Fills packs for one snapshot. {@link #add} appends a chunk to the current pack's zstd stream and says where it
 * lies; when the pack's compressed size reaches its target (or its content four times that, so a pack of zeros stays
 * small to restore) it goes to the {@link PartSink} (which seals it at once) and a new pack with a fresh random id
 * begins in the same buffer. {@link #flush} sends a partly filled pack. Not thread-safe: one snapshot reads files on
 * one thread.
 *
 * <p>Pack ids are random, not content hashes: a pack re-sent after a crash is another pack, never a same-named
 * object with other offsets (a re-put of an existing key is a no-op, so an id derived from a chunk list would let a
 * stale pack stand for a new one).
 */
public final class PackBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PackSettings settings;
    private final PartSink sink;
    private final String deploymentId;
    private final String snapshotId;
    private PackCompression.Writer pack;
    private String packId;
    private long packsSent;
    private long bytesSent;

    public PackBuilder(PackSettings settings, PartSink sink, String deploymentId, String snapshotId) {
        this.settings = settings;
        this.sink = sink;
        this.deploymentId = deploymentId;
        this.snapshotId = snapshotId;
    }

    /** Appends {@code chunk} to the current pack; returns where it lies. */
    public ChunkLocation add(byte[] chunk) {
        return add(chunk, 0, chunk.length);
    }

    /** Appends {@code length} bytes of {@code data} from {@code offset} as one chunk; returns where it lies. */
    public ChunkLocation add(byte[] data, int offset, int length) {
        if (pack == null) {
            // room for the target and most of the chunk that crosses it; a larger overshoot grows the buffer as before
            pack = new PackCompression.Writer(settings.zstdLevel(), settings.zstdTuning(),
                    settings.targetBytes() + settings.targetBytes() / 4);
        } else if (packId == null) {
            pack.restart(); // the sink sealed the last pack's bytes when it was sent: its buffer is free
        }
        if (packId == null) {
            packId = newPackId();
        }
        ChunkLocation at = new ChunkLocation(packId, pack.add(data, offset, length), length);
        if (pack.compressedSize() >= settings.targetBytes() || pack.rawSize() >= 4L * settings.targetBytes()) {
            flush();
        }
        return at;
    }

    /** Sends the current pack if it holds anything. */
    public void flush() {
        if (packId == null) {
            return;
        }
        pack.finish();
        sink.send(deploymentId, snapshotId, PartKind.PACK, packId, List.of(), pack.bytes(), 0, pack.compressedSize(),
                0);
        packsSent++;
        bytesSent += pack.compressedSize();
        packId = null;
    }

    /** Packs handed to the sink so far. */
    public long packsSent() {
        return packsSent;
    }

    /** Compressed bytes handed to the sink so far. */
    public long bytesSent() {
        return bytesSent;
    }

    private static String newPackId() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
