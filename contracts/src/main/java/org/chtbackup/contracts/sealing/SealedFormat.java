package org.chtbackup.contracts.sealing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.hpke.HPKE;

/** Constants of sealed format version 4 (written), version 3 (still opened) and the HPKE suites; see the package docs. */
final class SealedFormat {

    static final byte VERSION = 4;
    static final int X25519_KEY_LENGTH = 32;
    static final int ENC_LENGTH = 32;
    static final int HEADER_LENGTH = 1 + ENC_LENGTH;
    /** Version 4's tag: HMAC-SHA256. */
    static final int TAG_LENGTH = 32;

    /** HPKE info: domain-separates our payloads from any other HPKE use of the same key, and binds the version. */
    static final byte[] INFO = "cht-backup sealed payload v4".getBytes(StandardCharsets.US_ASCII);
    /** HPKE exporter context of the payload's two one-time keys: AES-256, then HMAC-SHA256. */
    static final byte[] KEYS_CONTEXT = "cht-backup payload keys v4".getBytes(StandardCharsets.US_ASCII);
    static final int KEYS_LENGTH = 64;

    /** Version 3 (ChaCha20-Poly1305), sealed by collectors older than this build: opened during an upgrade. */
    static final byte VERSION_3 = 3;
    static final int V3_TAG_LENGTH = 16;
    static final byte[] V3_INFO = "cht-backup sealed payload v3".getBytes(StandardCharsets.US_ASCII);
    static final byte[] V3_KEY_CONTEXT = "cht-backup payload key".getBytes(StandardCharsets.US_ASCII);
    static final int V3_KEY_LENGTH = 32;

    private SealedFormat() {
    }

    /**
     * HPKE auth mode (RFC 9180 section 5.1.3): the key schedule also takes a Diffie-Hellman of the sender's static
     * key, so only the holder of a deployment's sender key can seal a payload that opens under that deployment's
     * registered public key. Version 4 uses HPKE only for its key schedule and exporter, which RFC 9180 section 7.3
     * names the export-only AEAD.
     *
     * <p>A fresh HPKE instance per operation: Bouncy Castle does not promise that one is thread-safe, and building
     * one is cheap next to the X25519 operations it performs.
     */
    static HPKE hpke() {
        return new HPKE(HPKE.mode_auth, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_EXPORT_ONLY);
    }

    /** Version 3's suite: the AEAD named is part of its key schedule (its payload cipher is the JDK's, below). */
    static HPKE hpkeV3() {
        return new HPKE(HPKE.mode_auth, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305);
    }

    /** Version 3's payload cipher: ChaCha20-Poly1305 with an all-zero nonce under a key used once. */
    static Cipher chacha20Poly1305(int mode, byte[] key) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(new byte[12]));
        return cipher;
    }
}
