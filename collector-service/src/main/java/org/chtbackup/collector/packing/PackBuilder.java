package org.chtbackup.collector.packing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import org.chtbackup.collector.sealing.PartSink;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.packs.ChunkLocation;
import org.chtbackup.contracts.packs.ZstdFrames;

/**
 * Fills packs for one snapshot. {@link #add} compresses a chunk into the current pack and says where it landed;
 * when the pack reaches its target size it goes to the {@link PartSink} (which seals it at once, so the buffer is
 * reused) and a new pack with a fresh random id begins. {@link #flush} sends a partly filled pack. Not thread-safe:
 * one snapshot reads files on one thread.
 *
 * <p>Pack ids are random, not content hashes: a pack re-sent after a crash is another pack, never a same-named
 * object with other offsets (a re-put of an existing key is a no-op, so an id derived from a chunk list would let a
 * stale pack stand for a new one).
 */
public final class PackBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PackSettings settings;
    private final ZstdFrames zstd;
    private final PartSink sink;
    private final String deploymentId;
    private final String snapshotId;
    private byte[] buffer;
    private int used;
    private String packId;
    private int chunks;
    private long packsSent;
    private long bytesSent;

    public PackBuilder(PackSettings settings, PartSink sink, String deploymentId, String snapshotId) {
        this.settings = settings;
        this.zstd = new ZstdFrames(settings.zstdLevel());
        this.sink = sink;
        this.deploymentId = deploymentId;
        this.snapshotId = snapshotId;
        this.buffer = new byte[settings.targetBytes() + ZstdFrames.bound(1 << 20)];
    }

    /** Compresses {@code chunk} into the current pack; returns where it lies. */
    public ChunkLocation add(byte[] chunk) {
        int bound = ZstdFrames.bound(chunk.length);
        if (used > 0 && used + bound > buffer.length) {
            flush();
        }
        if (bound > buffer.length) {
            buffer = new byte[bound]; // a chunk larger than a pack: it gets a pack of its own
        }
        if (packId == null) {
            packId = newPackId();
        }
        int offset = used;
        int length = zstd.compress(chunk, 0, chunk.length, buffer, offset);
        used += length;
        chunks++;
        ChunkLocation at = new ChunkLocation(packId, offset, length, chunk.length);
        if (used >= settings.targetBytes()) {
            flush();
        }
        return at;
    }

    /** Sends the current pack if it holds anything. */
    public void flush() {
        if (used == 0) {
            return;
        }
        sink.send(deploymentId, snapshotId, PartKind.PACK, packId, List.of(), buffer, 0, used, 0);
        packsSent++;
        bytesSent += used;
        used = 0;
        chunks = 0;
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
