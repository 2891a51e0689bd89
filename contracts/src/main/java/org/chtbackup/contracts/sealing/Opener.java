package org.chtbackup.contracts.sealing;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;

/** Opens payloads sealed by {@link Sealer}, in the crypto service. Thread-safe. */
public final class Opener {

    private final byte[] privateKey;
    private final byte[] publicKey;

    /** @param privateKey the crypto service's 32-byte X25519 private key */
    public Opener(byte[] privateKey) {
        SealingKeys.requireKeyLength(privateKey, "private key");
        this.privateKey = privateKey.clone();
        this.publicKey = SealingKeys.publicKeyOf(privateKey);
    }

    /**
     * @param aad the same context bytes the sealer used
     * @throws SealedPayloadException if the payload is truncated, of an unknown version, modified,
     *                                sealed with a different AAD or to a different key
     */
    public byte[] open(byte[] sealed, byte[] aad) {
        if (sealed == null || sealed.length < SealedFormat.HEADER_LENGTH + SealedFormat.TAG_LENGTH) {
            throw new SealedPayloadException("sealed payload is truncated: " + (sealed == null ? 0 : sealed.length)
                    + " bytes, a sealed payload has at least " + (SealedFormat.HEADER_LENGTH + SealedFormat.TAG_LENGTH));
        }
        if (sealed[0] != SealedFormat.VERSION) {
            throw new SealedPayloadException("sealed payload has unknown version " + (sealed[0] & 0xFF)
                    + "; this opener reads version " + SealedFormat.VERSION
                    + (sealed[0] == 1 ? " (version 1 came from a collector older than this crypto service: upgrade it)"
                    : ""));
        }
        byte[] enc = Arrays.copyOfRange(sealed, 1, SealedFormat.HEADER_LENGTH);
        byte[] key;
        try {
            HPKE hpke = SealedFormat.hpke();
            AsymmetricCipherKeyPair recipient = hpke.deserializePrivateKey(privateKey, publicKey);
            HPKEContext context = hpke.setupBaseR(enc, recipient, SealedFormat.INFO);
            key = context.export(SealedFormat.KEY_CONTEXT, SealedFormat.KEY_LENGTH);
        } catch (RuntimeException e) {
            throw failed(e);
        }
        try {
            Cipher aead = SealedFormat.aead(Cipher.DECRYPT_MODE, key);
            if (aad != null) {
                aead.updateAAD(aad);
            }
            return aead.doFinal(sealed, SealedFormat.HEADER_LENGTH, sealed.length - SealedFormat.HEADER_LENGTH);
        } catch (AEADBadTagException e) {
            throw failed(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is unavailable in this JVM", e);
        }
    }

    private SealedPayloadException failed(Exception e) {
        return new SealedPayloadException("sealed payload failed authentication: modified, sealed for another "
                + "context (AAD), or sealed to a key other than " + SealingKeys.fingerprint(publicKey), e);
    }

    /** Fingerprint of the public key matching this opener's private key. */
    public String fingerprint() {
        return SealingKeys.fingerprint(publicKey);
    }
}
