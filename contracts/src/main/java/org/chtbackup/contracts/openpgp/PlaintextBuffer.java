package org.chtbackup.contracts.openpgp;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * An object's plaintext in memory, with a ceiling: going over it is a bad object, not an I/O failure, and a damaged
 * or hostile object cannot exhaust memory. {@link #reset} empties it for the next object and keeps its array, so a
 * thread that reads object after object (a restore) does not allocate, grow and drop one array per object.
 */
public final class PlaintextBuffer extends OutputStream {

    private final int max;
    private byte[] bytes;
    private int size;

    public PlaintextBuffer(int max) {
        this.max = max;
        this.bytes = new byte[Math.min(max, 1 << 20)];
    }

    /** Empties the buffer; the array stays for the next object. */
    public PlaintextBuffer reset() {
        size = 0;
        return this;
    }

    /** The array holding the plaintext in its first {@link #size()} bytes (valid until the next write or reset). */
    public byte[] bytes() {
        return bytes;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

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
