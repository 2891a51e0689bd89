package org.chtbackup.contracts.openpgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    @Test
    void recipientKeyIsEd25519PrimaryWithCurve25519EncryptionSubkey() {
        PGPPublicKeyRing ring = TestKeys.pub(TestKeys.OPS);

        assertThat(ring.getPublicKey().getAlgorithm()).isEqualTo(PublicKeyAlgorithmTags.EDDSA_LEGACY);
        assertThat(ring.getPublicKey().getVersion()).isEqualTo(4);
        assertThat(KeyRing.signingKeys(ring)).containsExactly(ring.getPublicKey());
        List<PGPPublicKey> encryption = KeyRing.encryptionKeys(ring);
        assertThat(encryption).hasSize(1);
        assertThat(encryption.get(0).getAlgorithm()).isEqualTo(PublicKeyAlgorithmTags.ECDH);
        assertThat(encryption.get(0).isMasterKey()).isFalse();
    }

    @Test
    void signingKeyHasOnlyAnEd25519Key() {
        PGPPublicKeyRing ring = TestKeys.pub(TestKeys.SIGNER);

        assertThat(KeyRing.fingerprints(ring)).hasSize(1);
        assertThat(KeyRing.signingKeys(ring)).containsExactly(ring.getPublicKey());
    }

    @Test
    void fingerprintsAreFortyUppercaseHexDigitsPrimaryFirst() {
        List<String> fingerprints = KeyRing.fingerprints(TestKeys.OPS);

        assertThat(fingerprints).hasSize(2).allMatch(f -> f.matches("[0-9A-F]{40}"));
        assertThat(fingerprints.get(0)).isEqualTo(KeyRing.fingerprint(TestKeys.OPS.getPublicKey()));
    }

    @Test
    void armoredPublicAndSecretRingsRoundTrip() throws Exception {
        String publicText = KeyRing.armor(TestKeys.pub(TestKeys.OPS));
        String secretText = KeyRing.armor(TestKeys.OPS);

        assertThat(publicText).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        assertThat(secretText).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
        assertThat(KeyRing.parsePublicRings(publicText).get(0).getEncoded())
                .isEqualTo(TestKeys.pub(TestKeys.OPS).getEncoded());
        assertThat(KeyRing.parseSecretRings(secretText).get(0).getEncoded()).isEqualTo(TestKeys.OPS.getEncoded());
    }

    @Test
    void filesRoundTripAndSecretFileIsOwnerOnly() throws Exception {
        Path pub = dir.resolve("ops.asc");
        Path sec = dir.resolve("ops-secret.asc");

        KeyRing.save(pub, TestKeys.pub(TestKeys.OPS));
        KeyRing.save(sec, TestKeys.OPS);

        assertThat(KeyRing.fingerprints(KeyRing.loadPublicRings(pub).get(0))).isEqualTo(KeyRing.fingerprints(TestKeys.OPS));
        assertThat(KeyRing.loadSecretRings(sec).get(0).getEncoded()).isEqualTo(TestKeys.OPS.getEncoded());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sec))).isEqualTo("rw-------");
    }

    @Test
    void concatenatedKeyFilesLoadEveryKey() throws Exception {
        Path recipients = dir.resolve("recipients.asc");
        Files.writeString(recipients, "ops key:\n" + KeyRing.armor(TestKeys.pub(TestKeys.OPS))
                + "\nescrow key:\n" + KeyRing.armor(TestKeys.pub(TestKeys.ESCROW)));

        List<PGPPublicKeyRing> rings = KeyRing.loadPublicRings(recipients);

        assertThat(rings).extracting(r -> KeyRing.fingerprint(r.getPublicKey())).containsExactly(
                KeyRing.fingerprint(TestKeys.OPS.getPublicKey()), KeyRing.fingerprint(TestKeys.ESCROW.getPublicKey()));
    }

    @Test
    void passphraseProtectedKeyUnlocksOnlyWithItsPassphrase() {
        PGPSecretKeyRing ring = KeyRing.parseSecretRings(
                KeyRing.armor(KeyRing.generateRecipientKey("Escrow <escrow@example.org>", PASSPHRASE))).get(0);

        List<PGPPrivateKey> keys = KeyRing.unlockDecryptionKeys(ring, PASSPHRASE);

        assertThat(keys).hasSize(1);
        assertThatThrownBy(() -> KeyRing.unlockDecryptionKeys(ring, "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wrong or missing passphrase")
                .hasMessageNotContaining("wrong".repeat(2));
        assertThatThrownBy(() -> KeyRing.unlockSigningKey(ring, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void protectedKeysEncryptSignAndDecrypt() {
        PGPSecretKeyRing recipient = KeyRing.generateRecipientKey("Escrow <escrow@example.org>", PASSPHRASE);
        PGPSecretKeyRing signer = KeyRing.generateSigningKey("crypto <crypto@example.org>", PASSPHRASE);
        ObjectEncryptor encryptor = new ObjectEncryptor(KeyRing.encryptionKeys(KeyRing.publicRing(recipient)),
                signer.getSecretKey(), PASSPHRASE);
        ObjectDecryptor decryptor = new ObjectDecryptor(KeyRing.unlockDecryptionKeys(recipient, PASSPHRASE),
                KeyRing.signingKeys(KeyRing.publicRing(signer)));

        assertThat(decryptor.decrypt(encryptor.encrypt(new byte[] {1, 2, 3}, "x"))).containsExactly(1, 2, 3);
    }

    @Test
    void secretBlockWherePublicKeysAreExpectedIsRefused() {
        String secretText = KeyRing.armor(TestKeys.OPS);

        assertThatThrownBy(() -> KeyRing.parsePublicRings(secretText))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected public keys");
        assertThatThrownBy(() -> KeyRing.parsePublicRings("not a key"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
