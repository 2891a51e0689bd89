package org.chtbackup.collector.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.chtbackup.collector.sealing.PartSink;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.ManifestCodec;

/** Keeps what a snapshot sends, in memory, and lets a test act when a chunk is sent (e.g. change a file). */
public final class RecordingSink implements PartSink {

    public record Part(String snapshotId, PartKind kind, String objectId, byte[] plaintext, List<String> chunkIds,
                       int chunkListPieces) {
    }

    public final List<Part> parts = new ArrayList<>();
    private Consumer<Part> onChunk = p -> { };

    public RecordingSink onChunk(Consumer<Part> action) {
        this.onChunk = action;
        return this;
    }

    @Override
    public void send(String deploymentId, String snapshotId, PartKind kind, String objectId, List<String> chunkIds,
                     byte[] plaintext, int chunkListPieces) {
        Part part = new Part(snapshotId, kind, objectId, plaintext, List.copyOf(chunkIds), chunkListPieces);
        parts.add(part);
        if (kind == PartKind.CHUNK) {
            onChunk.accept(part);
        }
    }

    public List<Part> chunks(String snapshotId) {
        return parts.stream().filter(p -> p.snapshotId().equals(snapshotId) && p.kind() == PartKind.CHUNK).toList();
    }

    public List<Part> of(String snapshotId, PartKind kind) {
        return parts.stream().filter(p -> p.snapshotId().equals(snapshotId) && p.kind() == kind).toList();
    }

    /** The chunk ids of a snapshot's manifest body (its file list), from the manifest head. */
    public List<String> bodyChunks(String snapshotId) {
        return of(snapshotId, PartKind.MANIFEST).stream()
                .flatMap(p -> ManifestCodec.readHead(p.plaintext()).bodyChunks().stream()).toList();
    }

    /** Every manifest sent, read as verify reads it: body chunks from any snapshot's parts (they dedup). */
    public List<Manifest> manifests() {
        return parts.stream().filter(p -> p.kind() == PartKind.MANIFEST)
                .map(p -> ManifestCodec.read(p.plaintext(), this::chunk)).toList();
    }

    private byte[] chunk(String id) {
        return parts.stream().filter(p -> p.kind() == PartKind.CHUNK && p.objectId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("body chunk " + id + " was never sent")).plaintext();
    }
}
