package org.chtbackup.contracts.sealing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.hpke.HPKE;

/** Constants of sealed format version 2 and the HPKE suite behind it; see the package docs. */
final class SealedFormat {

    static final byte VERSION = 2;
    static final int ENC_LENGTH = 32;
    static final int TAG_LENGTH = 16;
    static final int HEADER_LENGTH = 1 + ENC_LENGTH;
    static final int KEY_LENGTH = 32;

    /** HPKE info: domain-separates our payloads from any other HPKE use of the same key, and binds the version. */
    static final byte[] INFO = "cht-backup sealed payload v2".getBytes(StandardCharsets.US_ASCII);
    /** HPKE exporter context of the one-time payload key. */
    static final byte[] KEY_CONTEXT = "cht-backup payload key".getBytes(StandardCharsets.US_ASCII);
    /**
     * Every payload key is exported from a fresh HPKE context (a new ephemeral key each time) and used once, so a
     * fixed nonce never repeats under one key.
     */
    private static final byte[] NONCE = new byte[12];

    private SealedFormat() {
    }

    /**
     * A fresh HPKE instance per operation: Bouncy Castle does not promise that one is thread-safe, and building
     * one is cheap next to the X25519 operations it performs. Only its key schedule is used; the payload itself
     * is encrypted by the JDK's AES-GCM, which uses the CPU's AES and carry-less multiply instructions.
     */
    static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }

    static Cipher gcm(int mode, byte[] key) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, NONCE));
        return cipher;
    }
}
