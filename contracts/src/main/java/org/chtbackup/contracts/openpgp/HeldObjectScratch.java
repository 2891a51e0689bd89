package org.chtbackup.contracts.openpgp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Cipher;

/**
 * One thread's reusable arrays and primitives for {@link ObjectDecryptor#decrypt(java.io.InputStream,
 * HeldObjectScratch)}: the object as read, in which our objects are decrypted and authenticated where they lie; a
 * step's keystream; an AES/ECB cipher and a SHA-1 for the MDC; and, only for objects framed otherwise (gpg's with
 * other settings), a buffer their plaintext is streamed into. A restore thread keeps one for every pack it reads.
 * Not thread-safe.
 */
public final class HeldObjectScratch {

    private final int max;
    private final PlaintextBuffer object;
    private final byte[] keystream = new byte[EcbCfbDecryptors.InPlace.STEP];
    private PlaintextBuffer fallback;
    private Cipher ecb;
    private MessageDigest sha1;

    /** @param max the largest object held: a larger one is refused as bad */
    public HeldObjectScratch(int max) {
        this.max = max;
        this.object = new PlaintextBuffer(max);
    }

    /** Sizes the object's array for objects of up to {@code capacity} bytes now, so reading them never grows it. */
    public void reserve(int capacity) {
        object.reserve(capacity);
    }

    PlaintextBuffer object() {
        return object.reset();
    }

    byte[] keystream() {
        return keystream;
    }

    /**
     * The buffer an object the held path does not read is streamed into; made the first time one is, as large as the
     * object's array, which holds an uncompressed object's plaintext without growing.
     */
    PlaintextBuffer fallback() {
        if (fallback == null) {
            fallback = new PlaintextBuffer(max).reserve(object.bytes().length);
        }
        return fallback.reset();
    }

    Cipher ecb() throws GeneralSecurityException {
        if (ecb == null) {
            ecb = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
        }
        return ecb;
    }

    MessageDigest sha1() throws GeneralSecurityException {
        if (sha1 == null) {
            sha1 = MessageDigest.getInstance("SHA-1");
        }
        sha1.reset();
        return sha1;
    }
}
