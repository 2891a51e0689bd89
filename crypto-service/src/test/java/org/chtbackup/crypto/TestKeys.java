package org.chtbackup.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.openpgp.ObjectDecryptor;
import org.chtbackup.contracts.sealing.SealingKeys;

/** A full key set in a directory, as {@code keys generate} lays it out, plus an outsider's keys for negative tests. */
final class TestKeys {

    final Path dir;
    final SealingKeys sealing = SealingKeys.generate();
    final PGPSecretKeyRing signer = KeyRing.generateSigningKey("test crypto service", null);
    final PGPSecretKeyRing ops = KeyRing.generateRecipientKey("test ops", null);
    final PGPSecretKeyRing escrow = KeyRing.generateRecipientKey("test escrow", null);
    final PGPSecretKeyRing outsider = KeyRing.generateRecipientKey("test outsider", null);

    /** Sender keys of the deployments registered so far ({@link #sender}); public halves in {@link #senders}. */
    final Path senders;
    private final java.util.Map<String, SealingKeys> senderKeys = new java.util.concurrent.ConcurrentHashMap<>();

    TestKeys(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.senders = Files.createDirectories(dir.resolve("senders"));
        SealingKeys.writePrivateKey(dir.resolve("sealing.key"), sealing.privateKey());
        KeyRing.save(dir.resolve("signing.asc"), signer);
        KeyRing.save(dir.resolve("signing.pub.asc"), KeyRing.publicRing(signer));
        for (var e : java.util.Map.of("ops", ops, "escrow", escrow, "outsider", outsider).entrySet()) {
            KeyRing.save(dir.resolve(e.getKey() + ".asc"), e.getValue());
            KeyRing.save(dir.resolve(e.getKey() + ".pub.asc"), KeyRing.publicRing(e.getValue()));
        }
    }

    /** The sender key pair of {@code deployment}, registered with the service (crypto.sender-keys-dir) on first use. */
    SealingKeys sender(String deployment) {
        return senderKeys.computeIfAbsent(deployment, d -> {
            SealingKeys keys = SealingKeys.generate();
            try {
                SealingKeys.writePublicKey(senders.resolve(d + ".pub"), keys.publicKey());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return keys;
        });
    }

    /** Settings for a service encrypting to ops and escrow, from files. */
    List<String> fileSettings() {
        return List.of("crypto.sealing-private-key-file=" + dir.resolve("sealing.key"),
                "crypto.sender-keys-dir=" + senders,
                "crypto.recipient-key-files=" + dir.resolve("ops.pub.asc") + "," + dir.resolve("escrow.pub.asc"),
                "crypto.signing-key-file=" + dir.resolve("signing.asc"));
    }

    /** What a recipient holding {@code key} runs to read objects, trusting only this service's signer. */
    ObjectDecryptor decryptorFor(PGPSecretKeyRing key) {
        return new ObjectDecryptor(KeyRing.unlockDecryptionKeys(key, null), KeyRing.signingKeys(KeyRing.publicRing(signer)));
    }
}
