package org.chtbackup.contracts.events;

import java.util.List;

/**
 * An OpenPGP object ready to be written to every location under {@code objectKey}. Travels as a binary Kafka record
 * value ({@link EventWire}).
 *
 * <p>Version 3 (this build). A {@link PartKind#PACK} is stored at {@code <deployment>/packs/<2 hex>/<pack id>}. A
 * {@link PartKind#PACK_LIST} piece carries, in {@code neededKeys}, the object keys of packs its snapshot needs; its
 * {@code objectKey} is {@link org.chtbackup.contracts.layout.ObjectLayout#chunkListKey} and its {@code object} is an
 * encrypted empty payload storage need not keep. A {@link PartKind#MANIFEST} with {@code listPieces} N names its
 * packs through pieces 0..N-1 of its own manifest id; storage writes it only when every piece and every pack they
 * name is there (invariant 1).
 *
 * <p>Versions 1 and 2 were JSON records of single chunks (earlier builds); they are refused with a message to
 * upgrade the sender.
 */
public record ObjectEncrypted(
        int version,
        String deploymentId,
        String snapshotId,
        PartKind kind,
        String objectKey,
        List<String> neededKeys,
        int listPieces,
        byte[] object) {

    public static final int VERSION = 3;

    public ObjectEncrypted {
        if (version != VERSION) {
            throw new IllegalArgumentException("ObjectEncrypted version " + version + " is not supported (" + VERSION
                    + "): upgrade the crypto and storage services together");
        }
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(snapshotId, "snapshotId");
        EventChecks.required(kind, "kind");
        EventChecks.required(objectKey, "objectKey");
        EventChecks.required(object, "object");
        if (!objectKey.startsWith(deploymentId + "/") || objectKey.contains("..")) {
            throw new IllegalArgumentException("objectKey '" + objectKey + "' is outside deployment '" + deploymentId + "'");
        }
        neededKeys = neededKeys == null ? List.of() : List.copyOf(neededKeys);
        for (String key : neededKeys) {
            if (!key.startsWith(deploymentId + "/") || key.contains("..")) {
                throw new IllegalArgumentException("needed key '" + key + "' is outside deployment '" + deploymentId + "'");
            }
        }
        if (listPieces < 0 || (listPieces > 0 && kind != PartKind.MANIFEST)) {
            throw new IllegalArgumentException("listPieces " + listPieces + " is invalid for a " + kind);
        }
    }

    @Override
    public String toString() {
        return "ObjectEncrypted[" + objectKey + ", " + object.length + " bytes]";
    }
}
