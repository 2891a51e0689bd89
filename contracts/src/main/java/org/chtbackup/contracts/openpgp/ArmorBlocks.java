package org.chtbackup.contracts.openpgp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a key file into its armored blocks, so that {@code cat ops.asc escrow.asc > recipients.asc}
 * loads both keys; the armor decoder alone stops after the first block.
 */
final class ArmorBlocks {

    private static final byte[] BEGIN = "-----BEGIN PGP ".getBytes(StandardCharsets.US_ASCII);

    private ArmorBlocks() {
    }

    /** Each armored block from its BEGIN line on; binary data comes back whole. */
    static List<byte[]> split(byte[] data) {
        List<Integer> starts = new ArrayList<>();
        for (int i = indexOf(data, 0); i >= 0; i = indexOf(data, i + BEGIN.length)) {
            starts.add(i);
        }
        if (starts.isEmpty()) {
            return List.of(data);
        }
        List<byte[]> blocks = new ArrayList<>();
        for (int n = 0; n < starts.size(); n++) {
            int end = n + 1 < starts.size() ? starts.get(n + 1) : data.length;
            blocks.add(Arrays.copyOfRange(data, starts.get(n), end));
        }
        return blocks;
    }

    private static int indexOf(byte[] data, int from) {
        outer:
        for (int i = from; i <= data.length - BEGIN.length; i++) {
            for (int j = 0; j < BEGIN.length; j++) {
                if (data[i + j] != BEGIN[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
