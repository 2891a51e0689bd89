package org.chtbackup.contracts.events;

import java.util.List;

/**
 * A chunk or manifest of a snapshot, sealed by the collector to the crypto service's public key.
 *
 * <p>Version 1. {@code objectId} is the chunk id (HMAC-SHA256 of the plaintext under the deployment's
 * dedup key) for a chunk, or {@code <time>-<snapshotId>} for a manifest. {@code chunkIds} lists, for a
 * manifest only, every chunk it names, so storage can refuse to write a manifest before its chunks.
 * Ids are keyed hashes: they reveal nothing about the plaintext. {@code sealed} is the HPKE-sealed payload
 * whose associated data is {@link #associatedData()}, so it cannot be replayed under another identity.
 *
 * <p>Version 2 adds {@link PartKind#CHUNK_LIST} and, at the end with default 0 for version-1 records,
 * {@code chunkListPieces}. A snapshot's chunk ids no longer travel in one message: the collector first sends
 * them as CHUNK_LIST parts with object id {@code <manifestId>.<n>} ({@code n} = 0..pieces-1) and at most
 * {@link #MAX_IDS_PER_PIECE} ids each (the sealed payload is empty: ids are keyed hashes, not secret), then the
 * MANIFEST with {@code chunkListPieces} = the number of pieces and {@code chunkIds} empty. Storage writes the
 * manifest only once every piece and every chunk they name is in the location. A manifest with
 * {@code chunkListPieces} 0 names its chunks in {@code chunkIds}, as in version 1. Only a MANIFEST may have
 * pieces.
 */
public record SnapshotPartSealed(
        int version,
        String deploymentId,
        String snapshotId,
        PartKind kind,
        String objectId,
        List<String> chunkIds,
        byte[] sealed,
        int chunkListPieces) {

    public static final int VERSION = 2;
    /** The most chunk ids one CHUNK_LIST part may carry: about 1.1 MB of JSON, well under a 4 MiB message. */
    public static final int MAX_IDS_PER_PIECE = 16384;

    public SnapshotPartSealed {
        EventChecks.version(version, VERSION, "SnapshotPartSealed");
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(snapshotId, "snapshotId");
        EventChecks.required(kind, "kind");
        EventChecks.required(objectId, "objectId");
        EventChecks.required(sealed, "sealed");
        chunkIds = chunkIds == null ? List.of() : List.copyOf(chunkIds);
        if (kind == PartKind.CHUNK) {
            EventChecks.chunkId(objectId);
        } else {
            chunkIds.forEach(EventChecks::chunkId);
        }
        if (kind == PartKind.CHUNK_LIST) {
            EventChecks.chunkListId(objectId);
            if (chunkIds.size() > MAX_IDS_PER_PIECE) {
                throw new IllegalArgumentException("chunk list " + objectId + " carries " + chunkIds.size()
                        + " ids, over " + MAX_IDS_PER_PIECE);
            }
        }
        if (chunkListPieces < 0 || (chunkListPieces > 0 && kind != PartKind.MANIFEST)) {
            throw new IllegalArgumentException("chunkListPieces " + chunkListPieces + " is invalid for a " + kind);
        }
    }

    /** The bytes the seal is bound to: a payload opens only under the identity it was sealed for. */
    public byte[] associatedData() {
        return associatedData(deploymentId, snapshotId, kind, objectId);
    }

    public static byte[] associatedData(String deploymentId, String snapshotId, PartKind kind, String objectId) {
        return ("cht-backup/v1\n" + deploymentId + "\n" + snapshotId + "\n" + kind + "\n" + objectId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SnapshotPartSealed[" + deploymentId + "/" + snapshotId + " " + kind + " " + objectId
                + ", " + sealed.length + " sealed bytes]";
    }
}
