package org.chtbackup.collector.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.chtbackup.collector.sealing.PartSink;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.ManifestCodec;
import org.chtbackup.contracts.manifest.ManifestHead;
import org.chtbackup.contracts.packs.ChunkLocation;
import org.chtbackup.contracts.packs.PackCompression;

/**
 * Keeps what a snapshot sends, in memory, reads it back as verify would (packs, locations, manifests), and lets a
 * test act when a pack is sent (e.g. change a file).
 */
public final class RecordingSink implements PartSink {

    public record Part(String snapshotId, PartKind kind, String objectId, byte[] plaintext, List<String> packIds,
                       int listPieces) {

        /** A pack's chunks decompressed and concatenated, in the order they were packed. */
        public byte[] raw() {
            return PackCompression.decompress(plaintext, 0, plaintext.length, 1 << 30);
        }
    }

    /** A chunk packed by a snapshot, read back from its pack. */
    public record Chunk(String id, byte[] plaintext) {
    }

    public final List<Part> parts = new ArrayList<>();
    /** How many parts had been sent at each {@link #confirm}. */
    public final List<Integer> confirmedAt = new ArrayList<>();
    private Consumer<Part> onPack = p -> { };

    /** Runs {@code action} after each pack is sent. */
    public RecordingSink onPack(Consumer<Part> action) {
        this.onPack = action;
        return this;
    }

    @Override
    public void send(String deploymentId, String snapshotId, PartKind kind, String objectId, List<String> packIds,
                     byte[] plaintext, int offset, int length, int listPieces) {
        Part part = new Part(snapshotId, kind, objectId, Arrays.copyOfRange(plaintext, offset, offset + length),
                List.copyOf(packIds), listPieces);
        parts.add(part);
        if (kind == PartKind.PACK) {
            onPack.accept(part);
        }
    }

    @Override
    public void confirm() {
        confirmedAt.add(parts.size());
    }

    public List<Part> of(String snapshotId, PartKind kind) {
        return parts.stream().filter(p -> p.snapshotId().equals(snapshotId) && p.kind() == kind).toList();
    }

    /** Every chunk the snapshot packed (data and file list), read back from its packs through its manifest. */
    public List<Chunk> chunks(String snapshotId) {
        Set<String> packs = of(snapshotId, PartKind.PACK).stream().map(Part::objectId).collect(Collectors.toSet());
        Map<String, ChunkLocation> located = new LinkedHashMap<>();
        Part head = of(snapshotId, PartKind.MANIFEST).get(0);
        Manifest manifest = ManifestCodec.read(head.plaintext(), this::chunk);
        located.putAll(manifest.locations());
        ManifestHead parsed = ManifestCodec.readHead(head.plaintext());
        for (int i = 0; i < parsed.bodyChunks().size(); i++) {
            located.put(parsed.bodyChunks().get(i), parsed.bodyLocations().get(i));
        }
        List<Chunk> chunks = new ArrayList<>();
        located.forEach((id, at) -> {
            if (packs.contains(at.packId())) {
                chunks.add(new Chunk(id, chunk(id, at)));
            }
        });
        return chunks;
    }

    /** The chunk ids of a snapshot's manifest body (its file list), from the manifest head. */
    public List<String> bodyChunks(String snapshotId) {
        return of(snapshotId, PartKind.MANIFEST).stream()
                .flatMap(p -> ManifestCodec.readHead(p.plaintext()).bodyChunks().stream()).toList();
    }

    /** Every manifest sent, read as verify reads it: chunks from any snapshot's packs (they dedup). */
    public List<Manifest> manifests() {
        return parts.stream().filter(p -> p.kind() == PartKind.MANIFEST)
                .map(p -> ManifestCodec.read(p.plaintext(), this::chunk)).toList();
    }

    /** A chunk read from the pack its location names. */
    public byte[] chunk(String id, ChunkLocation at) {
        Part pack = parts.stream().filter(p -> p.kind() == PartKind.PACK && p.objectId().equals(at.packId()))
                .findFirst().orElseThrow(() -> new AssertionError("pack " + at.packId() + " of chunk " + id
                        + " was never sent"));
        return Arrays.copyOfRange(pack.raw(), (int) at.offset(), (int) at.offset() + at.length());
    }
}
