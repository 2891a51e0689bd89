package org.chtbackup.contracts.packs;

import java.util.regex.Pattern;

/**
 * Where one chunk's zstd frame lies in a pack's plaintext.
 *
 * @param packId    64 lowercase hex digits: the pack object is {@code <deployment>/packs/<2 hex>/<packId>}
 * @param offset    where the frame starts in the decrypted pack
 * @param length    the frame's length in bytes
 * @param rawLength the chunk's length once decompressed
 */
public record ChunkLocation(String packId, long offset, int length, int rawLength) {

    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{64}");

    public ChunkLocation {
        if (packId == null || !HEX_ID.matcher(packId).matches()) {
            throw new IllegalArgumentException("pack id '" + packId + "' is not 64 lowercase hex digits");
        }
        if (offset < 0 || length <= 0 || rawLength < 0) {
            throw new IllegalArgumentException("chunk location in pack " + packId + " has offset " + offset + ", length "
                    + length + " and raw length " + rawLength + ": all must be positive");
        }
    }

    /** Whether {@code packId} is a well-formed pack id. */
    public static boolean isPackId(String packId) {
        return packId != null && HEX_ID.matcher(packId).matches();
    }
}
