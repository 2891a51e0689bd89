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
        if (sealed == null || sealed.length < 1) {
            throw truncated(sealed, SealedFormat.HEADER_LENGTH + SealedFormat.TAG_LENGTH);
        }
        if (sealed[0] == SealedFormat.VERSION) {
            return openVersion4(sealed, aad, senderPublicKey);
        }
        if (sealed[0] == SealedFormat.VERSION_3) {
            return openVersion3(sealed, aad, senderPublicKey);
        }
        throw new SealedPayloadException("sealed payload has unknown version " + (sealed[0] & 0xFF)
                + "; this opener reads versions " + SealedFormat.VERSION_3 + " and " + SealedFormat.VERSION
                + (sealed[0] < SealedFormat.VERSION_3 ? " (it came from a collector older than this crypto service, which"
                + " sealed without a sender key: upgrade it and register its sender key)" : ""));
    }

    private byte[] openVersion4(byte[] sealed, byte[] aad, byte[] senderPublicKey) {
        if (sealed.length < SealedFormat.HEADER_LENGTH + SealedFormat.TAG_LENGTH) {
            throw truncated(sealed, SealedFormat.HEADER_LENGTH + SealedFormat.TAG_LENGTH);
        }
        byte[] keys = export(SealedFormat.hpke(), sealed, SealedFormat.INFO, SealedFormat.KEYS_CONTEXT,
                SealedFormat.KEYS_LENGTH, senderPublicKey);
        byte[] plaintext;
        try {
            plaintext = CtrHmac.open(keys, aad, sealed, SealedFormat.HEADER_LENGTH,
                    sealed.length - SealedFormat.HEADER_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR or HMAC-SHA256 is unavailable in this JVM", e);
        }
        if (plaintext == null) {
            throw failed(null, senderPublicKey);
        }
        return plaintext;
    }

    /** Version 3 (ChaCha20-Poly1305), from a collector not yet upgraded: crypto is upgraded first, then the hosts. */
    private byte[] openVersion3(byte[] sealed, byte[] aad, byte[] senderPublicKey) {
        if (sealed.length < SealedFormat.HEADER_LENGTH + SealedFormat.V3_TAG_LENGTH) {
            throw truncated(sealed, SealedFormat.HEADER_LENGTH + SealedFormat.V3_TAG_LENGTH);
        }
        byte[] key = export(SealedFormat.hpkeV3(), sealed, SealedFormat.V3_INFO, SealedFormat.V3_KEY_CONTEXT,
                SealedFormat.V3_KEY_LENGTH, senderPublicKey);
        try {
            Cipher aead = SealedFormat.chacha20Poly1305(Cipher.DECRYPT_MODE, key);
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

    /** The HPKE receiver's exported secret for the encapsulation in {@code sealed}. */
    private byte[] export(HPKE hpke, byte[] sealed, byte[] info, byte[] context, int length, byte[] senderPublicKey) {
        byte[] enc = Arrays.copyOfRange(sealed, 1, SealedFormat.HEADER_LENGTH);
        try {
            AsymmetricCipherKeyPair recipient = hpke.deserializePrivateKey(privateKey, publicKey);
            HPKEContext receiver = hpke.setupAuthR(enc, recipient, info, hpke.deserializePublicKey(senderPublicKey));
            return receiver.export(context, length);
        } catch (RuntimeException e) {
            throw failed(e, senderPublicKey);
        }
    }

    private static SealedPayloadException truncated(byte[] sealed, int atLeast) {
        return new SealedPayloadException("sealed payload is truncated: " + (sealed == null ? 0 : sealed.length)
                + " bytes, a sealed payload of its version has at least " + atLeast);
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
