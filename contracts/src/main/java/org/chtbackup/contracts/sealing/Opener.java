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
     * @param aad             the same context bytes the sealer used
     * @param senderPublicKey the 32-byte X25519 public key registered for the deployment the payload claims to be from
     * @throws SealedPayloadException if the payload is truncated, of an unknown version, modified, sealed with a
     *                                different AAD, to a different key, or by another sender
     */
    public byte[] open(byte[] sealed, byte[] aad, byte[] senderPublicKey) {
        SealingKeys.requireKeyLength(senderPublicKey, "sender public key");
        if (sealed == null || sealed.length < SealedFormat.HEADER_LENGTH + SealedFormat.TAG_LENGTH) {
            throw new SealedPayloadException("sealed payload is truncated: " + (sealed == null ? 0 : sealed.length)
                    + " bytes, a sealed payload has at least " + (SealedFormat.HEADER_LENGTH + SealedFormat.TAG_LENGTH));
        }
        if (sealed[0] != SealedFormat.VERSION) {
            throw new SealedPayloadException("sealed payload has unknown version " + (sealed[0] & 0xFF)
                    + "; this opener reads version " + SealedFormat.VERSION
                    + (sealed[0] < SealedFormat.VERSION ? " (it came from a collector older than this crypto service, which"
                    + " sealed without a sender key: upgrade it and register its sender key)" : ""));
        }
        byte[] enc = Arrays.copyOfRange(sealed, 1, SealedFormat.HEADER_LENGTH);
        byte[] key;
        try {
            HPKE hpke = SealedFormat.hpke();
            AsymmetricCipherKeyPair recipient = hpke.deserializePrivateKey(privateKey, publicKey);
            HPKEContext context = hpke.setupAuthR(enc, recipient, SealedFormat.INFO,
                    hpke.deserializePublicKey(senderPublicKey));
            key = context.export(SealedFormat.KEY_CONTEXT, SealedFormat.KEY_LENGTH);
        } catch (RuntimeException e) {
            throw failed(e, senderPublicKey);
        }
        try {
            Cipher aead = SealedFormat.aead(Cipher.DECRYPT_MODE, key);
            if (aad != null) {
                aead.updateAAD(aad);
            }
            return aead.doFinal(sealed, SealedFormat.HEADER_LENGTH, sealed.length - SealedFormat.HEADER_LENGTH);
        } catch (AEADBadTagException e) {
            throw failed(e, senderPublicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is unavailable in this JVM", e);
        }
    }

    private SealedPayloadException failed(Exception e, byte[] senderPublicKey) {
        return new SealedPayloadException("sealed payload failed authentication: modified, sealed for another "
                + "context (AAD), sealed to a key other than " + SealingKeys.fingerprint(publicKey)
                + ", or not sealed by sender key " + SealingKeys.fingerprint(senderPublicKey), e);
    }

    /** Fingerprint of the public key matching this opener's private key. */
    public String fingerprint() {
        return SealingKeys.fingerprint(publicKey);
    }
}
