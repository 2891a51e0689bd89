package org.chtbackup.contracts.events;

import java.util.List;

/**
 * An OpenPGP object ready to be written to every location under {@code objectKey}.
 *
 * <p>Version 1. For a manifest, {@code chunkKeys} lists the object keys of every chunk it names: storage
 * writes the manifest to a location only when all of them are there (invariant 1).
 *
 * <p>Version 2 adds {@link PartKind#CHUNK_LIST} and, at the end with default 0 for version-1 records,
 * {@code chunkListPieces}. A CHUNK_LIST carries, in {@code chunkKeys}, one bounded piece of the chunk keys of a
 * snapshot; its {@code objectKey} is {@link org.chtbackup.contracts.layout.ObjectLayout#chunkListKey} and its
 * {@code object} is an encrypted empty payload that storage need not keep. A MANIFEST with
 * {@code chunkListPieces} N &gt; 0 names its chunks through pieces 0..N-1 of its own manifest id (its
 * {@code chunkKeys} may be empty); storage writes it only when every piece and every chunk they name is there.
 */
public record ObjectEncrypted(
        int version,
        String deploymentId,
        String snapshotId,
        PartKind kind,
        String objectKey,
        List<String> chunkKeys,
        byte[] object,
        int chunkListPieces) {

    public static final int VERSION = 2;

    public ObjectEncrypted {
        EventChecks.version(version, VERSION, "ObjectEncrypted");
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(snapshotId, "snapshotId");
        EventChecks.required(kind, "kind");
        EventChecks.required(objectKey, "objectKey");
        EventChecks.required(object, "object");
        if (!objectKey.startsWith(deploymentId + "/")) {
            throw new IllegalArgumentException("objectKey '" + objectKey + "' is outside deployment '" + deploymentId + "'");
        }
        chunkKeys = chunkKeys == null ? List.of() : List.copyOf(chunkKeys);
        if (chunkListPieces < 0 || (chunkListPieces > 0 && kind != PartKind.MANIFEST)) {
            throw new IllegalArgumentException("chunkListPieces " + chunkListPieces + " is invalid for a " + kind);
        }
    }

    @Override
    public String toString() {
        return "ObjectEncrypted[" + objectKey + ", " + object.length + " bytes]";
    }
}
