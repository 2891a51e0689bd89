package org.chtbackup.collector.snapshot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.chtbackup.collector.chunking.ChunkIds;
import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.chunking.FastCdcChunker;
import org.chtbackup.collector.packing.PackBuilder;
import org.chtbackup.collector.sealing.MessageLimits;
import org.chtbackup.collector.sealing.PartSink;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.ManifestCodec;
import org.chtbackup.contracts.packs.ChunkLocation;

/**
 * Sends a snapshot's manifest in format 3 so that no message grows with the host: the body (file list and where
 * each chunk lies) is cut into ordinary chunks and packed like data (deduplicated); once every pack is confirmed by
 * the broker, the ids of every pack the snapshot needs go out in bounded PACK_LIST pieces, then the small manifest
 * head, naming only how many pieces there are and where the body's chunks lie.
 */
final class ManifestSender {

    private final ChunkIds ids;
    private final ChunkSizes sizes;
    private final PartSink sink;
    private final Function<String, ChunkLocation> storedEverywhere;
    private final int maxMessageBytes;

    ManifestSender(ChunkIds ids, ChunkSizes sizes, PartSink sink, Function<String, ChunkLocation> storedEverywhere,
                   int maxMessageBytes) {
        this.ids = ids;
        this.sizes = sizes;
        this.sink = sink;
        this.storedEverywhere = storedEverywhere;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * What goes out before the head.
     *
     * @param located every chunk the snapshot names (files and body) and where it lies
     * @param packIds every pack holding one of them, in first-use order
     */
    record Prepared(byte[] body, List<String> bodyChunks, List<ChunkLocation> bodyLocations,
                    Map<String, ChunkLocation> located, List<String> packIds) {
    }

    /**
     * Cuts the body into chunks and packs those neither packed in this snapshot ({@code located}) nor stored
     * everywhere, sends the last pack and waits until the broker has every pack.
     */
    Prepared sendBody(Manifest manifest, Map<String, ChunkLocation> located, PackBuilder packs,
                      SnapshotProgress progress) throws IOException {
        byte[] body = ManifestCodec.writeBody(manifest);
        // The body's chunks get packs of their own: a damaged data pack then costs only the files in it, never
        // the file list of the whole snapshot.
        packs.flush();
        Map<String, ChunkLocation> all = new LinkedHashMap<>(located);
        List<String> bodyChunks = new ArrayList<>();
        List<ChunkLocation> bodyLocations = new ArrayList<>();
        FastCdcChunker chunker = new FastCdcChunker(new ByteArrayInputStream(body), sizes);
        for (byte[] chunk = chunker.next(); chunk != null; chunk = chunker.next()) {
            String id = ids.idOf(chunk);
            ChunkLocation at = all.get(id);
            if (at == null) {
                at = storedEverywhere.apply(id);
                if (at == null) {
                    at = packs.add(chunk);
                    progress.chunkSent(chunk.length);
                }
                all.put(id, at);
            }
            bodyChunks.add(id);
            bodyLocations.add(at);
        }
        packs.flush();
        sink.confirm();
        Set<String> packIds = new LinkedHashSet<>();
        all.values().forEach(at -> packIds.add(at.packId()));
        return new Prepared(body, bodyChunks, bodyLocations, all, List.copyOf(packIds));
    }

    /** Sends the pack list pieces, then the head, and waits until the broker has them; returns the number of pieces. */
    int sendListAndHead(String deploymentId, String snapshotId, String manifestId, Manifest manifest,
                        Prepared prepared) {
        byte[] head = ManifestCodec.writeHead(manifest, prepared.body(), prepared.bodyChunks(),
                prepared.bodyLocations());
        if ((long) head.length + MessageLimits.ENVELOPE + MessageLimits.SEAL_OVERHEAD > maxMessageBytes) {
            // Only at tens of terabytes per average chunk size: say so rather than have Kafka refuse it.
            throw new IllegalStateException("manifest head of " + head.length + " bytes would not fit the topics' limit of "
                    + maxMessageBytes + " bytes (collector.kafka-max-message-bytes): raise collector.chunking.average");
        }
        List<String> packIds = prepared.packIds();
        int perPiece = MessageLimits.packIdsPerPiece(maxMessageBytes, deploymentId);
        int pieces = (packIds.size() + perPiece - 1) / perPiece;
        for (int n = 0; n < pieces; n++) {
            List<String> piece = packIds.subList(n * perPiece, Math.min(packIds.size(), (n + 1) * perPiece));
            sink.send(deploymentId, snapshotId, PartKind.PACK_LIST, ObjectLayout.chunkListId(manifestId, n), piece,
                    new byte[0], 0, 0, 0);
        }
        sink.send(deploymentId, snapshotId, PartKind.MANIFEST, manifestId, List.of(), head, 0, head.length, pieces);
        sink.confirm();
        return pieces;
    }
}
