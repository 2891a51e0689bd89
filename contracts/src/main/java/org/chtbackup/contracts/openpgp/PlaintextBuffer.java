package org.chtbackup.contracts.openpgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An object's plaintext in memory (or, {@link #readAll}, a whole object before it is decrypted), with a ceiling: going over it is a bad object, not an I/O failure, and a damaged
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

    /**
     * Makes the array hold at least {@code capacity} bytes (at most the ceiling) at once, so that objects up to that
     * size never grow it: growing doubles the array and, while it copies, holds both.
     */
    public PlaintextBuffer reserve(int capacity) {
        int wanted = Math.min(max, capacity);
        if (bytes.length < wanted) {
            bytes = Arrays.copyOf(bytes, wanted);
        }
        return this;
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

    /**
     * Appends everything {@code in} still holds, reading straight into the array (an object read whole before it is
     * decrypted). Going over the ceiling is a bad object, as for a write; a failed read is the stream's I/O failure.
     */
    public PlaintextBuffer readAll(InputStream in) throws IOException {
        while (true) {
            if (size == bytes.length) {
                // Full: grow only if the object goes on (one that fills the array exactly keeps it).
                int next = in.read();
                if (next < 0) {
                    return this;
                }
                if (size == max) {
                    throw overCeiling();
                }
                bytes = Arrays.copyOf(bytes, (int) Math.min(max, bytes.length * 2L));
                bytes[size++] = (byte) next;
            }
            int read = in.read(bytes, size, bytes.length - size);
            if (read < 0) {
                return this;
            }
            size += read;
        }
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (size + len > max) {
            throw overCeiling();
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

    private ObjectAuthenticationException overCeiling() {
        return new ObjectAuthenticationException("object's plaintext exceeds " + max + " bytes, the most an"
                + " object of this kind may hold");
    }
}
