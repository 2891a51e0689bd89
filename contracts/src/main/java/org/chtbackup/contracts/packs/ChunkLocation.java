package org.chtbackup.contracts.packs;

import java.util.regex.Pattern;

/**
 * Where one chunk lies: in which pack, and where in that pack's content once decompressed.
 *
 * @param packId 64 lowercase hex digits: the pack object is {@code <deployment>/packs/<2 hex>/<packId>}
 * @param offset where the chunk starts in the pack's decompressed content
 * @param length the chunk's length in bytes
 */
public record ChunkLocation(String packId, long offset, int length) {

    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{64}");

    public ChunkLocation {
        if (packId == null || !HEX_ID.matcher(packId).matches()) {
            throw new IllegalArgumentException("pack id '" + packId + "' is not 64 lowercase hex digits");
        }
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("chunk location in pack " + packId + " has offset " + offset
                    + " and length " + length + ": neither may be negative");
        }
    }

    /** Whether {@code packId} is a well-formed pack id. */
    public static boolean isPackId(String packId) {
        return packId != null && HEX_ID.matcher(packId).matches();
    }
}
