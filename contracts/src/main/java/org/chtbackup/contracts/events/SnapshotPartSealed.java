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
 */
public record SnapshotPartSealed(
        int version,
        String deploymentId,
        String snapshotId,
        PartKind kind,
        String objectId,
        List<String> chunkIds,
        byte[] sealed) {

    public static final int VERSION = 1;

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
