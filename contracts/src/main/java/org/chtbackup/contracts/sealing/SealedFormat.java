package org.chtbackup.contracts.sealing;

import java.nio.charset.StandardCharsets;

import org.bouncycastle.crypto.hpke.HPKE;

/** Constants of sealed format version 1 and the HPKE suite behind it; see the package docs. */
final class SealedFormat {

    static final byte VERSION = 1;
    static final int ENC_LENGTH = 32;
    static final int TAG_LENGTH = 16;
    static final int HEADER_LENGTH = 1 + ENC_LENGTH;
    static final int KEY_LENGTH = 32;

    /** HPKE info: domain-separates our payloads from any other HPKE use of the same key. */
    static final byte[] INFO = "cht-backup sealed payload v1".getBytes(StandardCharsets.US_ASCII);

    private SealedFormat() {
    }

    /**
     * A fresh HPKE instance per operation: Bouncy Castle does not promise that one is thread-safe,
     * and building one is cheap next to the X25519 operations it performs.
     */
    static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }
}
