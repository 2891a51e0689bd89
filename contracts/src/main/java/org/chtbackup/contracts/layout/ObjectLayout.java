package org.chtbackup.contracts.layout;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Object keys of packs, manifests and storage's indexes in every location (docs/format.md). Chunks of snapshots
 * of manifest format 1 and 2 were one object each under {@code chunks/}; from format 3 they travel and rest in
 * packs under {@code packs/}.
 */
public final class ObjectLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    public static final String MANIFEST_SUFFIX = ".manifest";
    /** Chunk indexes end with this: {@code <manifestId>.chunks} and its pieces {@code <manifestId>.<n>.chunks}. */
    public static final String INDEX_SUFFIX = ".chunks";

    /** Where the pack {@code packId} (64 hex digits) is stored: {@code <deployment>/packs/<2 hex>/<pack id>}. */
    public static String packKey(String deploymentId, String packId) {
        return deploymentId + "/packs/" + packId.substring(0, 2) + "/" + packId;
    }

    public static String packsPrefix(String deploymentId) {
        return deploymentId + "/packs/";
    }

    /** The pack id at the end of a pack key. */
    public static String packIdOf(String packKey) {
        return packKey.substring(packKey.lastIndexOf('/') + 1);
    }

    /** Where a chunk of a format-1 or format-2 snapshot is stored (one object per chunk). */
    public static String chunkKey(String deploymentId, String chunkId) {
        return deploymentId + "/chunks/" + chunkId.substring(0, 2) + "/" + chunkId;
    }

    public static String chunksPrefix(String deploymentId) {
        return deploymentId + "/chunks/";
    }

    /** The manifest's object id: its creation time first, so listing a deployment sorts snapshots by age. */
    public static String manifestId(Instant createdAt, String snapshotId) {
        if (!SNAPSHOT_ID.matcher(snapshotId).matches()) {
            throw new IllegalArgumentException("snapshot id '" + snapshotId + "' must be 1-64 letters, digits or '-'");
        }
        return TIME.format(createdAt) + "-" + snapshotId;
    }

    public static String manifestKey(String deploymentId, String manifestId) {
        return snapshotsPrefix(deploymentId) + manifestId + MANIFEST_SUFFIX;
    }

    public static String snapshotsPrefix(String deploymentId) {
        return deploymentId + "/snapshots/";
    }

    /** {@code <deployment>/index/}: plain-text chunk indexes storage keeps beside manifests (keys only, no content). */
    public static String indexPrefix(String deploymentId) {
        return deploymentId + "/index/";
    }

    /** The object id of piece {@code piece} of a snapshot's object list: {@code <manifestId>.<piece>}. */
    public static String chunkListId(String manifestId, int piece) {
        if (piece < 0) {
            throw new IllegalArgumentException("chunk list piece " + piece + " is negative");
        }
        return manifestId + "." + piece;
    }

    /** Where piece {@code <manifestId>.<n>} of an object list is kept: {@code <deployment>/index/<manifestId>.<n>.chunks}. */
    public static String chunkListKey(String deploymentId, String chunkListId) {
        return indexPrefix(deploymentId) + chunkListId + INDEX_SUFFIX;
    }

    private ObjectLayout() {
    }
}
