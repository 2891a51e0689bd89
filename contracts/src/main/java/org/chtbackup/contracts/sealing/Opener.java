package org.chtbackup.contracts.sealing;

import java.util.Arrays;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
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
                    + "; this opener reads version " + SealedFormat.VERSION);
        }
        byte[] enc = Arrays.copyOfRange(sealed, 1, SealedFormat.HEADER_LENGTH);
        HPKE hpke = SealedFormat.hpke();
        try {
            AsymmetricCipherKeyPair recipient = hpke.deserializePrivateKey(privateKey, publicKey);
            HPKEContext context = hpke.setupBaseR(enc, recipient, SealedFormat.INFO);
            return context.open(aad == null ? new byte[0] : aad, sealed, SealedFormat.HEADER_LENGTH,
                    sealed.length - SealedFormat.HEADER_LENGTH);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new SealedPayloadException("sealed payload failed authentication: modified, sealed for another "
                    + "context (AAD), or sealed to a key other than " + SealingKeys.fingerprint(publicKey), e);
        }
    }

    /** Fingerprint of the public key matching this opener's private key. */
    public String fingerprint() {
        return SealingKeys.fingerprint(publicKey);
    }
}
