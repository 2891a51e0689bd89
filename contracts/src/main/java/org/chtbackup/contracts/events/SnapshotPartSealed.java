package org.chtbackup.contracts.events;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A pack, pack list piece or manifest of a snapshot, sealed by the collector to the crypto service's public key.
 * Travels as a binary Kafka record value ({@link EventWire}): the sealed bytes are the bulk of it, never base64.
 *
 * <p>Version 3 (this build). {@code objectId} is the pack id (64 random hex digits) for a {@link PartKind#PACK},
 * {@code <manifestId>.<n>} for piece {@code n} of a {@link PartKind#PACK_LIST}, or {@code <manifestId>} for a
 * {@link PartKind#MANIFEST}. A pack list piece carries, in {@code packIds}, at most {@link #MAX_IDS_PER_PIECE} ids of
 * the packs the snapshot needs (its sealed payload is empty: ids are random, not secret); a manifest says in
 * {@code listPieces} how many pieces there are. Storage writes the manifest only once every piece and every pack
 * they name is in the location. {@code sealed} is the payload sealed with {@link #associatedData()}, so it cannot be
 * replayed under another identity, and by the deployment's sender key, so no other host can make it.
 *
 * <p>Versions 1 and 2 were JSON records of single chunks (earlier builds); they are refused with a message to
 * upgrade the sender.
 */
public record SnapshotPartSealed(
        int version,
        String deploymentId,
        String snapshotId,
        PartKind kind,
        String objectId,
        List<String> packIds,
        int listPieces,
        byte[] sealed) {

    public static final int VERSION = 3;
    /** The most pack ids one piece may carry: 1.1 MB, well under any message limit. */
    public static final int MAX_IDS_PER_PIECE = 16384;

    public SnapshotPartSealed {
        if (version != VERSION) {
            throw new IllegalArgumentException("SnapshotPartSealed version " + version + " is not supported (" + VERSION
                    + "): upgrade the collector and crypto service together");
        }
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(snapshotId, "snapshotId");
        EventChecks.required(kind, "kind");
        EventChecks.required(sealed, "sealed");
        packIds = packIds == null ? List.of() : List.copyOf(packIds);
        switch (kind) {
            case PACK -> EventChecks.hexId(objectId, "pack id");
            case PACK_LIST -> EventChecks.listPieceId(objectId);
            case MANIFEST -> EventChecks.manifestId(objectId);
        }
        if (kind != PartKind.PACK_LIST && !packIds.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " part carries no pack ids");
        }
        if (packIds.size() > MAX_IDS_PER_PIECE) {
            throw new IllegalArgumentException("pack list " + objectId + " carries " + packIds.size() + " ids, over "
                    + MAX_IDS_PER_PIECE);
        }
        packIds.forEach(id -> EventChecks.hexId(id, "pack id"));
        if (listPieces < 0 || (listPieces > 0 && kind != PartKind.MANIFEST)) {
            throw new IllegalArgumentException("listPieces " + listPieces + " is invalid for a " + kind);
        }
    }

    /** The bytes the seal is bound to: a payload opens only under the identity it was sealed for. */
    public byte[] associatedData() {
        return associatedData(deploymentId, snapshotId, kind, objectId, packIds, listPieces);
    }

    /**
     * Everything in the envelope but the payload, so that none of it (which packs a list names, how many pieces a
     * manifest has) can be changed on the way without the payload failing to open.
     */
    public static byte[] associatedData(String deploymentId, String snapshotId, PartKind kind, String objectId,
                                        List<String> packIds, int listPieces) {
        return ("cht-backup/v4\n" + deploymentId + "\n" + snapshotId + "\n" + kind + "\n" + objectId + "\n"
                + listPieces + "\n" + String.join(",", packIds)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SnapshotPartSealed[" + deploymentId + "/" + snapshotId + " " + kind + " " + objectId
                + ", " + sealed.length + " sealed bytes]";
    }
}
