package org.chtbackup.verify.restore;

import java.io.OutputStream;
import java.util.Arrays;

import org.chtbackup.contracts.openpgp.ObjectAuthenticationException;

/**
 * One restore thread's two arrays, reused for every pack it restores: the pack's plaintext as decrypted, and its
 * content as decompressed. A new pair per pack cost a few copies while the plaintext array grew and tens of MiB of
 * fresh memory per pack, which the JVM and the kernel then had to clear and reclaim.
 */
final class PackBuffers {

    private final int max;
    private final Plaintext plaintext = new Plaintext();
    private byte[] content = new byte[0];

    /** @param max the most either array may hold: a pack over it is refused as bad, not held */
    PackBuffers(int max) {
        this.max = max;
    }

    /** An empty sink for the next pack's plaintext; what it holds is {@link #plaintext()}, {@link #plaintextSize()}. */
    OutputStream plaintextSink() {
        plaintext.size = 0;
        return plaintext;
    }

    byte[] plaintext() {
        return plaintext.bytes;
    }

    int plaintextSize() {
        return plaintext.size;
    }

    /** An array of at least {@code wanted} bytes for the content; its earlier bytes are left as they were. */
    byte[] content(int wanted) {
        if (content.length < wanted) {
            content = new byte[Math.max(wanted, Math.min(max, content.length * 2))];
        }
        return content;
    }

    private final class Plaintext extends OutputStream {
        private byte[] bytes = new byte[1 << 20];
        private int size;

        @Override
        public void write(byte[] b, int off, int len) {
            if (size + len > max) {
                throw new ObjectAuthenticationException("object's plaintext exceeds " + max + " bytes, the most an"
                        + " object of this kind may hold");
            }
            if (size + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(size + len, bytes.length * 2L)));
            }
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}
