package org.chtbackup.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.openpgp.ObjectDecryptor;

/** Builds the decryptor from key files; shared by the service and the restore tool. */
public final class VerifyKeys {

    public static ObjectDecryptor decryptor(List<Path> secretKeyFiles, String passphrase, List<Path> signerFiles)
            throws IOException {
        char[] pass = passphrase == null || passphrase.isEmpty() ? null : passphrase.toCharArray();
        List<PGPPrivateKey> keys = new ArrayList<>();
        for (Path file : secretKeyFiles) {
            for (PGPSecretKeyRing ring : KeyRing.loadSecretRings(file)) {
                keys.addAll(KeyRing.unlockDecryptionKeys(ring, pass));
            }
        }
        List<PGPPublicKey> signers = new ArrayList<>();
        for (Path file : signerFiles) {
            for (PGPPublicKeyRing ring : KeyRing.loadPublicRings(file)) {
                signers.addAll(KeyRing.signingKeys(ring));
            }
        }
        return new ObjectDecryptor(keys, signers);
    }

    private VerifyKeys() {
    }
}
