package org.chtbackup.contracts.sealing;

import java.security.GeneralSecurityException;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * Seals payloads to the crypto service's X25519 public key, on the collector, authenticated by the deployment's own
 * X25519 sender key. Each call uses a fresh ephemeral key, so sealing the same payload twice gives unrelated bytes.
 * Thread-safe.
 */
public final class Sealer {

    private final byte[] recipientPublicKey;
    private final byte[] senderPrivateKey;
    private final byte[] senderPublicKey;

    /**
     * @param recipientPublicKey the crypto service's 32-byte X25519 public key
     * @param senderPrivateKey   this deployment's 32-byte X25519 sender key, whose public half crypto has registered
     */
    public Sealer(byte[] recipientPublicKey, byte[] senderPrivateKey) {
        SealingKeys.requireKeyLength(recipientPublicKey, "recipient public key");
        SealingKeys.requireKeyLength(senderPrivateKey, "sender private key");
        this.recipientPublicKey = recipientPublicKey.clone();
        this.senderPrivateKey = senderPrivateKey.clone();
        this.senderPublicKey = SealingKeys.publicKeyOf(senderPrivateKey);
    }

    /**
     * @param aad the context the payload belongs to (e.g. deploymentId, snapshotId, objectId); not
     *            sent, the opener must pass the same bytes
     * @return version byte, HPKE encapsulation, ciphertext and tag; see the package documentation
     */
    public byte[] seal(byte[] plaintext, byte[] aad) {
        return seal(plaintext, 0, plaintext.length, aad);
    }

    /** Seals {@code length} bytes of {@code plaintext} from {@code offset}, as {@link #seal(byte[], byte[])}. */
    public byte[] seal(byte[] plaintext, int offset, int length, byte[] aad) {
        HPKE hpke = SealedFormat.hpke();
        HPKEContextWithEncapsulation context;
        try {
            AsymmetricKeyParameter recipient = hpke.deserializePublicKey(recipientPublicKey);
            AsymmetricCipherKeyPair sender = hpke.deserializePrivateKey(senderPrivateKey, senderPublicKey);
            context = hpke.setupAuthS(recipient, SealedFormat.INFO, sender);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // X25519 refuses low-order public keys (all-zero shared secret): the configured key is bad.
            throw new IllegalArgumentException("cannot seal to recipient key " + fingerprint()
                    + ": not a usable X25519 public key; check the configured crypto service public key", e);
        }
        byte[] sealed = new byte[SealedFormat.HEADER_LENGTH + length + SealedFormat.TAG_LENGTH];
        sealed[0] = SealedFormat.VERSION;
        System.arraycopy(context.getEncapsulation(), 0, sealed, 1, SealedFormat.ENC_LENGTH);
        try {
            CtrHmac.seal(context.export(SealedFormat.KEYS_CONTEXT, SealedFormat.KEYS_LENGTH), aad, plaintext, offset,
                    length, sealed, SealedFormat.HEADER_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR or HMAC-SHA256 is unavailable in this JVM", e);
        }
        return sealed;
    }

    /** Fingerprint of the key this sealer seals to ({@link SealingKeys#fingerprint}). */
    public String fingerprint() {
        return SealingKeys.fingerprint(recipientPublicKey);
    }

    /** Fingerprint of the sender key that authenticates what this sealer seals: crypto must have it registered. */
    public String senderFingerprint() {
        return SealingKeys.fingerprint(senderPublicKey);
    }
}
