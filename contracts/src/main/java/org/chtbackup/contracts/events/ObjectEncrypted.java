package org.chtbackup.contracts.events;

import java.util.List;

/**
 * An OpenPGP object ready to be written to every location under {@code objectKey}.
 *
 * <p>Version 1. For a manifest, {@code chunkKeys} lists the object keys of every chunk it names: storage
 * writes the manifest to a location only when all of them are there (invariant 1).
 */
public record ObjectEncrypted(
        int version,
        String deploymentId,
        String snapshotId,
        PartKind kind,
        String objectKey,
        List<String> chunkKeys,
        byte[] object) {

    public static final int VERSION = 1;

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
    }

    @Override
    public String toString() {
        return "ObjectEncrypted[" + objectKey + ", " + object.length + " bytes]";
    }
}
