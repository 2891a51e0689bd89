package org.chtbackup.verify.restore;

import org.chtbackup.contracts.openpgp.HeldObjectScratch;

/**
 * One restore thread's arrays, reused for every pack it restores: the pack as read, decrypted and authenticated where
 * it lies, and its content as decompressed. New arrays per pack cost a few copies while an array grew and tens of MiB
 * of fresh memory per pack, which the JVM and the kernel then had to clear and reclaim.
 */
final class PackBuffers {

    /** Room for an object's packets around its plaintext: session keys, headers, MDC, signature. */
    private static final int OBJECT_OVERHEAD = 64 * 1024;

    private final int max;
    private final HeldObjectScratch scratch;
    private byte[] content = new byte[0];

    /** @param max the most a pack's plaintext or content may hold: a pack over it is refused as bad, not held */
    PackBuffers(int max) {
        this.max = max;
        this.scratch = new HeldObjectScratch(max + OBJECT_OVERHEAD);
    }

    /**
     * The most a thread's arrays hold once {@link #reserve reserved} for packs whose content is at most
     * {@code largestContent} bytes: the object (at most the content plus the object's packets, zstd adding less than
     * that to incompressible data) and the content; should a pack be framed otherwise than ours (gpg's), a buffer as
     * large as the object that its plaintext is streamed into; and a fourth's room for that buffer to grow.
     */
    static long bytesFor(int largestContent) {
        return 4L * ((long) largestContent + OBJECT_OVERHEAD);
    }

    /**
     * Sizes every array for packs whose content is at most {@code largestContent} bytes, once: left to grow, each
     * array doubled past what it needed and held its old copy while copying, twice the memory {@link #bytesFor} says.
     */
    void reserve(int largestContent) {
        int packed = (int) Math.min(max, (long) largestContent + OBJECT_OVERHEAD);
        scratch.reserve(packed);
        int decompressed = Math.min(max, largestContent);
        if (content.length < decompressed) {
            // Exactly this size: content() would double past it, over what bytesFor counts.
            content = new byte[decompressed];
        }
    }

    /** The arrays a pack is read, decrypted and authenticated in. */
    HeldObjectScratch scratch() {
        return scratch;
    }

    /** An array of at least {@code wanted} bytes for the content; its earlier bytes are left as they were. */
    byte[] content(int wanted) {
        if (content.length < wanted) {
            content = new byte[Math.max(wanted, Math.min(max, content.length * 2))];
        }
        return content;
    }
}
