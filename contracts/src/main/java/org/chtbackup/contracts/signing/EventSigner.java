package org.chtbackup.contracts.signing;

import java.util.Base64;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Signs events in storage. Thread-safe: a signer per call is cheap next to the signature itself. */
public final class EventSigner {

    private final Ed25519PrivateKeyParameters key;
    private final String fingerprint;

    public EventSigner(byte[] privateKey) {
        EventSigningKeys.requireLength(privateKey, "event signing private key");
        this.key = new Ed25519PrivateKeyParameters(privateKey, 0);
        this.fingerprint = EventSigningKeys.fingerprint(key.generatePublicKey().getEncoded());
    }

    /** Base64 of the Ed25519 signature over {@code content}. */
    public String sign(byte[] content) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(content, 0, content.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
    }

    /** Fingerprint of the public key that verifies this signer's signatures. */
    public String fingerprint() {
        return fingerprint;
    }
}
