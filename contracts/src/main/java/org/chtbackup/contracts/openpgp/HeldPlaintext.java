package org.chtbackup.contracts.openpgp;

import java.util.Arrays;

/**
 * An authenticated object's plaintext where it lies, in one of a {@link HeldObjectScratch}'s arrays: valid until that
 * scratch reads its next object. Handing out the place instead of a copy saves a restore a copy of every pack.
 *
 * @param array  the array holding it
 * @param offset where it starts
 * @param length how long it is
 */
public record HeldPlaintext(byte[] array, int offset, int length) {

    /** A copy of the plaintext, for a caller that keeps it past the scratch's next object. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }
}
