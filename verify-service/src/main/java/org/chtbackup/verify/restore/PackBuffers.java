package org.chtbackup.verify.restore;

import org.chtbackup.contracts.openpgp.PlaintextBuffer;

/**
 * One restore thread's two arrays, reused for every pack it restores: the pack's plaintext as decrypted, and its
 * content as decompressed. A new pair per pack cost a few copies while the plaintext array grew and tens of MiB of
 * fresh memory per pack, which the JVM and the kernel then had to clear and reclaim.
 */
final class PackBuffers {

    private final int max;
    private final PlaintextBuffer plaintext;
    private byte[] content = new byte[0];

    /** @param max the most either array may hold: a pack over it is refused as bad, not held */
    PackBuffers(int max) {
        this.max = max;
        this.plaintext = new PlaintextBuffer(max);
    }

    /** The plaintext buffer, emptied for the next pack. */
    PlaintextBuffer plaintext() {
        return plaintext.reset();
    }

    /** An array of at least {@code wanted} bytes for the content; its earlier bytes are left as they were. */
    byte[] content(int wanted) {
        if (content.length < wanted) {
            content = new byte[Math.max(wanted, Math.min(max, content.length * 2))];
        }
        return content;
    }
}
