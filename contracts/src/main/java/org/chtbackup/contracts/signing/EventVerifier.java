package org.chtbackup.contracts.signing;

import java.util.Base64;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Checks storage's signatures on events, in collectors. Thread-safe. */
public final class EventVerifier {

    private static final int SIGNATURE_LENGTH = 64;

    private final Ed25519PublicKeyParameters key;
    private final String fingerprint;

    public EventVerifier(byte[] publicKey) {
        EventSigningKeys.requireLength(publicKey, "event signing public key");
        this.key = new Ed25519PublicKeyParameters(publicKey, 0);
        this.fingerprint = EventSigningKeys.fingerprint(publicKey);
    }

    /** Whether {@code signature} (base64, as {@link EventSigner#sign} makes it) signs {@code content}; never throws. */
    public boolean verifies(byte[] content, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (raw.length != SIGNATURE_LENGTH) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(content, 0, content.length);
        return verifier.verifySignature(raw);
    }

    public String fingerprint() {
        return fingerprint;
    }
}
