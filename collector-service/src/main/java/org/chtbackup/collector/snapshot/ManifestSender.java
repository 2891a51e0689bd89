package org.chtbackup.collector.snapshot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.chtbackup.collector.chunking.ChunkIds;
import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.chunking.FastCdcChunker;
import org.chtbackup.collector.dedup.StoredAcknowledgements;
import org.chtbackup.collector.sealing.MessageLimits;
import org.chtbackup.collector.sealing.PartSink;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.ManifestCodec;

/**
 * Sends a snapshot's manifest in format 2 so that no message grows with the host: the file list (body) is cut
 * into ordinary chunks and sent like data (deduplicated); then every chunk id the snapshot names goes out in
 * bounded CHUNK_LIST pieces; the small manifest head goes last, naming only how many pieces there are.
 */
final class ManifestSender {

    private final ChunkIds ids;
    private final ChunkSizes sizes;
    private final PartSink sink;
    private final Predicate<String> storedEverywhere;
    private final int maxMessageBytes;

    ManifestSender(ChunkIds ids, ChunkSizes sizes, PartSink sink, Predicate<String> storedEverywhere,
                   int maxMessageBytes) {
        this.ids = ids;
        this.sizes = sizes;
        this.sink = sink;
        this.storedEverywhere = storedEverywhere;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** What goes out before the head: the body's chunk ids and every chunk id the snapshot names. */
    record Prepared(byte[] body, List<String> bodyChunks, List<String> allChunkIds) {
    }

    /** Cuts the body into chunks and sends those not sent in this snapshot ({@code known}) nor stored everywhere. */
    Prepared sendBody(String deploymentId, String snapshotId, Manifest manifest, Set<String> known,
                      SnapshotProgress progress) throws IOException {
        byte[] body = ManifestCodec.writeBody(manifest);
        List<String> bodyChunks = new ArrayList<>();
        FastCdcChunker chunker = new FastCdcChunker(new ByteArrayInputStream(body), sizes);
        for (byte[] chunk = chunker.next(); chunk != null; chunk = chunker.next()) {
            String id = ids.idOf(chunk);
            if (known.add(id) && !storedEverywhere.test(id)) {
                sink.send(deploymentId, snapshotId, PartKind.CHUNK, id, List.of(), chunk);
                progress.chunkSent(chunk.length);
            }
            bodyChunks.add(id);
        }
        Set<String> all = new LinkedHashSet<>(manifest.chunkIds());
        all.addAll(bodyChunks);
        return new Prepared(body, bodyChunks, List.copyOf(all));
    }

    /** Sends the chunk list pieces, then the head; returns the number of pieces. */
    int sendListAndHead(String deploymentId, String snapshotId, String manifestId, Manifest manifest,
                        Prepared prepared) {
        byte[] head = ManifestCodec.writeHead(manifest, prepared.body(), prepared.bodyChunks());
        if (MessageLimits.messageBound(head.length) > maxMessageBytes) {
            // Only at tens of terabytes per average chunk size: say so rather than have Kafka refuse it.
            throw new IllegalStateException("manifest head of " + head.length + " bytes would not fit the topics' limit of "
                    + maxMessageBytes + " bytes (collector.kafka-max-message-bytes): raise collector.chunking.average");
        }
        List<String> all = prepared.allChunkIds();
        int perPiece = MessageLimits.chunkIdsPerPiece(maxMessageBytes, deploymentId);
        int pieces = (all.size() + perPiece - 1) / perPiece;
        for (int n = 0; n < pieces; n++) {
            List<String> piece = all.subList(n * perPiece, Math.min(all.size(), (n + 1) * perPiece));
            sink.send(deploymentId, snapshotId, PartKind.CHUNK_LIST, ObjectLayout.chunkListId(manifestId, n), piece,
                    new byte[0]);
        }
        sink.send(deploymentId, snapshotId, PartKind.MANIFEST, manifestId, List.of(), head, pieces);
        return pieces;
    }

    /** Records the snapshot's chunks for acknowledgement before anything names them. */
    static void pending(StoredAcknowledgements acks, String snapshotId, Prepared prepared) {
        acks.manifestSending(snapshotId, prepared.allChunkIds());
    }
}
