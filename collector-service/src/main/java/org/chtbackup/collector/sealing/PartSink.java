package org.chtbackup.collector.sealing;

import java.util.List;

import org.chtbackup.contracts.events.PartKind;

/** Where a snapshot's parts go. Implementations seal before anything leaves the process. */
public interface PartSink {

    /**
     * Seals and sends one part. Returns once the broker has it (or throws), so a snapshot never sends its
     * manifest after a lost chunk.
     */
    void send(String deploymentId, String snapshotId, PartKind kind, String objectId, List<String> chunkIds,
              byte[] plaintext, int chunkListPieces);

    /** A part that is not a manifest with chunk list pieces. */
    default void send(String deploymentId, String snapshotId, PartKind kind, String objectId, List<String> chunkIds,
                      byte[] plaintext) {
        send(deploymentId, snapshotId, kind, objectId, chunkIds, plaintext, 0);
    }
}
