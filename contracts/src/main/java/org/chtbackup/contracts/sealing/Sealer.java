package org.chtbackup.contracts.sealing;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * Seals payloads to the crypto service's X25519 public key, on the collector. Each call uses a
 * fresh ephemeral key, so sealing the same payload twice gives unrelated bytes. Thread-safe.
 */
public final class Sealer {

    private final byte[] recipientPublicKey;

    /** @param recipientPublicKey the crypto service's 32-byte X25519 public key */
    public Sealer(byte[] recipientPublicKey) {
        SealingKeys.requireKeyLength(recipientPublicKey, "recipient public key");
        this.recipientPublicKey = recipientPublicKey.clone();
    }

    /**
     * @param aad the context the payload belongs to (e.g. deploymentId, snapshotId, objectId); not
     *            sent, the opener must pass the same bytes
     * @return version byte, HPKE encapsulation, ciphertext and tag; see the package documentation
     */
    public byte[] seal(byte[] plaintext, byte[] aad) {
        HPKE hpke = SealedFormat.hpke();
        try {
            AsymmetricKeyParameter recipient = hpke.deserializePublicKey(recipientPublicKey);
            HPKEContextWithEncapsulation context = hpke.setupBaseS(recipient, SealedFormat.INFO);
            byte[] enc = context.getEncapsulation();
            byte[] ciphertext = context.seal(aad == null ? new byte[0] : aad, plaintext);
            byte[] sealed = new byte[SealedFormat.HEADER_LENGTH + ciphertext.length];
            sealed[0] = SealedFormat.VERSION;
            System.arraycopy(enc, 0, sealed, 1, SealedFormat.ENC_LENGTH);
            System.arraycopy(ciphertext, 0, sealed, SealedFormat.HEADER_LENGTH, ciphertext.length);
            return sealed;
        } catch (InvalidCipherTextException | IllegalStateException e) {
            // X25519 refuses low-order public keys (all-zero shared secret): the configured key is bad.
            throw new IllegalArgumentException("cannot seal to recipient key " + fingerprint()
                    + ": not a usable X25519 public key; check the configured crypto service public key", e);
        }
    }

    /** Fingerprint of the key this sealer seals to ({@link SealingKeys#fingerprint}). */
    public String fingerprint() {
        return SealingKeys.fingerprint(recipientPublicKey);
    }
}
