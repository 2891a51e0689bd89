package org.chtbackup.contracts.openpgp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Cipher;

/**
 * One thread's reusable arrays and primitives for {@link ObjectDecryptor#decrypt(java.io.InputStream,
 * HeldObjectScratch, PlaintextBuffer)}: the object as read (then the keystream), its encrypted packet's body decrypted in place, an
 * AES/ECB cipher and a SHA-1 for the MDC. A restore thread keeps one for every pack it reads. Not thread-safe.
 */
public final class HeldObjectScratch {

    private final PlaintextBuffer object;
    private final PlaintextBuffer body;
    private Cipher ecb;
    private MessageDigest sha1;

    /** @param max the largest object held: a larger one is refused as bad */
    public HeldObjectScratch(int max) {
        this.object = new PlaintextBuffer(max);
        this.body = new PlaintextBuffer(max);
    }

    /** Sizes both arrays for objects of up to {@code capacity} bytes now, so that reading them never grows them. */
    public void reserve(int capacity) {
        object.reserve(capacity);
        body.reserve(capacity);
    }

    PlaintextBuffer object() {
        return object.reset();
    }

    PlaintextBuffer body() {
        return body.reset();
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
