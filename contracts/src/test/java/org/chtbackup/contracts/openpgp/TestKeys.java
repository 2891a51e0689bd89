package org.chtbackup.contracts.openpgp;

import java.util.List;

import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;

/** Keys generated once per test JVM: Ed25519/Curve25519 generation takes milliseconds. */
final class TestKeys {

    static final PGPSecretKeyRing OPS = KeyRing.generateRecipientKey("CHT backup ops <ops@example.org>", null);
    static final PGPSecretKeyRing ESCROW = KeyRing.generateRecipientKey("CHT backup escrow <escrow@example.org>", null);
    static final PGPSecretKeyRing STRANGER = KeyRing.generateRecipientKey("Someone else <x@example.org>", null);
    static final PGPSecretKeyRing SIGNER = KeyRing.generateSigningKey("cht-backup crypto service <crypto@example.org>", null);
    static final PGPSecretKeyRing OTHER_SIGNER = KeyRing.generateSigningKey("Impostor <impostor@example.org>", null);

    private TestKeys() {
    }

    static PGPPublicKeyRing pub(PGPSecretKeyRing ring) {
        return KeyRing.publicRing(ring);
    }

    static List<PGPPublicKey> encryptionKeys(PGPSecretKeyRing... rings) {
        return java.util.Arrays.stream(rings).flatMap(r -> KeyRing.encryptionKeys(pub(r)).stream()).toList();
    }

    static List<PGPPrivateKey> decryptionKeys(PGPSecretKeyRing ring) {
        return KeyRing.unlockDecryptionKeys(ring, null);
    }

    static ObjectEncryptor encryptorTo(PGPSecretKeyRing... recipients) {
        return new ObjectEncryptor(encryptionKeys(recipients), KeyRing.unlockSigningKey(SIGNER, null));
    }

    static ObjectDecryptor decryptorFor(PGPSecretKeyRing recipient) {
        return new ObjectDecryptor(decryptionKeys(recipient), KeyRing.signingKeys(pub(SIGNER)));
    }
}
