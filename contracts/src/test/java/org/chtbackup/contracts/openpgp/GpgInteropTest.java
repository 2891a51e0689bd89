package org.chtbackup.contracts.openpgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.chtbackup.contracts.testing.Gpg;

/**
 * Invariant 4: stock gpg 2.2 decrypts and verifies every object, and keys travel both ways.
 * Skipped, with the reason, only where /usr/bin/gpg is absent.
 */
class GpgInteropTest {

    private static final byte[] PLAINTEXT = ObjectRoundTripTest.DOC;

    @TempDir
    Path dir;

    private Gpg gpg;

    @BeforeEach
    void startGpg() throws Exception {
        org.chtbackup.contracts.testing.Requirements.require(Gpg.available(), "/usr/bin/gpg is not installed; gpg interoperability is not tested here");
        Path home = Files.createDirectory(dir.resolve("gnupg"));
        gpg = new Gpg(home);
    }

    @AfterEach
    void stopGpg() throws Exception {
        if (gpg != null) {
            gpg.close();
        }
    }

    @Test
    void gpgDecryptsOurObjectAndReportsGoodSignature() throws Exception {
        gpg.importKey(KeyRing.armor(TestKeys.OPS));
        gpg.importKey(KeyRing.armor(TestKeys.pub(TestKeys.SIGNER)));
        Path object = dir.resolve("object.pgp");
        Files.write(object, TestKeys.encryptorTo(TestKeys.OPS, TestKeys.ESCROW).encrypt(PLAINTEXT, "chunk-ab12"));
        Path out = dir.resolve("plain");

        Gpg.Result result = gpg.run("--trust-model", "always", "--output", out.toString(), "--decrypt", object.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(out).hasBinaryContent(PLAINTEXT);
        String signer = KeyRing.fingerprint(TestKeys.SIGNER.getPublicKey());
        assertThat(result.status())
                .contains("[GNUPG:] DECRYPTION_OKAY")
                .contains("[GNUPG:] GOODMDC")
                .contains("[GNUPG:] GOODSIG " + signer.substring(24))
                .contains("[GNUPG:] VALIDSIG " + signer)
                .doesNotContain("BADSIG")
                .doesNotContain("DECRYPTION_FAILED");
        // What we chose, as gpg saw it: MDC (method 2) with AES-256 (9); EdDSA (22) over SHA-256 (8).
        assertThat(result.status())
                .contains("[GNUPG:] DECRYPTION_INFO 2 9")
                .containsPattern("VALIDSIG " + signer + " \\S+ \\d+ 0 4 0 22 8 ");
    }

    @Test
    void gpgReportsBadSignatureOnForgedContent() throws Exception {
        gpg.importKey(KeyRing.armor(TestKeys.OPS));
        gpg.importKey(KeyRing.armor(TestKeys.pub(TestKeys.SIGNER)));
        byte[] forged = PLAINTEXT.clone();
        forged[0] = 'X';
        Path object = dir.resolve("forged.pgp");
        Files.write(object, Forger.signedBy(TestKeys.SIGNER, PLAINTEXT, forged));

        Gpg.Result result = gpg.run("--trust-model", "always", "--output", dir.resolve("p").toString(),
                "--decrypt", object.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.status()).contains("[GNUPG:] BADSIG").doesNotContain("GOODSIG");
    }

    @Test
    void gpgDecryptsWithPassphraseProtectedKey() throws Exception {
        char[] passphrase = "escrow passphrase".toCharArray();
        PGPSecretKeyRing escrow = KeyRing.generateRecipientKey("Escrow <escrow@example.org>", passphrase);
        gpg.importKey(KeyRing.armor(escrow));
        gpg.importKey(KeyRing.armor(TestKeys.pub(TestKeys.SIGNER)));
        Path object = dir.resolve("object.pgp");
        Files.write(object, TestKeys.encryptorTo(escrow).encrypt(PLAINTEXT, "manifest"));
        Path out = dir.resolve("plain");

        Gpg.Result result = gpg.run("--trust-model", "always", "--pinentry-mode", "loopback",
                "--passphrase", new String(passphrase), "--output", out.toString(), "--decrypt", object.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(out).hasBinaryContent(PLAINTEXT);
        assertThat(result.status()).contains("[GNUPG:] DECRYPTION_OKAY").contains("[GNUPG:] GOODSIG");
    }

    @ParameterizedTest(name = "{0}, compressed with {2}, read {1}")
    @CsvSource({"AES256,STREAMED,zlib", "AES256,HELD,zlib", "AES128,HELD,zlib", "CAMELLIA256,HELD,zlib",
            "CAMELLIA256,STREAMED,zlib", "AES256,HELD,none", "AES128,HELD,none", "AES256,STREAMED,none"})
    void weDecryptAndVerifyWhatGpgEncryptsAndSigns(String cipher, Reading reading, String compression)
            throws Exception {
        gpg.importKey(KeyRing.armor(TestKeys.pub(TestKeys.OPS)));
        gpg.importKey(KeyRing.armor(TestKeys.SIGNER));
        Path plain = dir.resolve("plain");
        byte[] content = new byte[200_000]; // several of gpg's segments
        new Random(7).nextBytes(content);
        System.arraycopy(PLAINTEXT, 0, content, 0, PLAINTEXT.length);
        Files.write(plain, content);
        Path object = dir.resolve("object.gpg");

        Gpg.Result result = gpg.run("--trust-model", "always", "--pinentry-mode", "loopback", "--passphrase", "",
                "--recipient", KeyRing.fingerprint(TestKeys.OPS.getPublicKey()),
                "--local-user", KeyRing.fingerprint(TestKeys.SIGNER.getPublicKey()),
                "--cipher-algo", cipher, "--digest-algo", "SHA256", "--compress-algo", compression,
                "--output", object.toString(), "--sign", "--encrypt", plain.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        // Held whole, AES is decrypted where it lies, and uncompressed literal data is joined and checked there too
        // (gpg frames its packets its own way); any other cipher, and compressed data, go the streaming way.
        assertThat(reading.decrypt(TestKeys.decryptorFor(TestKeys.OPS), Files.readAllBytes(object))).isEqualTo(content);
        if (reading == Reading.HELD && compression.equals("none")) {
            HeldPlaintext held = TestKeys.decryptorFor(TestKeys.OPS).decrypt(Files.newInputStream(object),
                    new HeldObjectScratch(1 << 20));
            assertThat(held.offset()).as("gpg's packets read where they lie, not streamed out").isPositive();
        }
    }

    @Test
    void gpgGeneratedKeysWorkBothWays() throws Exception {
        Gpg.Result generated = gpg.run("--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-generate-key", "Ops by gpg <ops@example.org>", "future-default", "default", "never");
        assertThat(generated.exitCode()).as(generated.stderr()).isZero();
        Path pub = dir.resolve("ops.asc");
        Path sec = dir.resolve("ops-secret.asc");
        assertThat(gpg.run("--armor", "--output", pub.toString(), "--export", "ops@example.org").exitCode()).isZero();
        assertThat(gpg.run("--pinentry-mode", "loopback", "--passphrase", "", "--armor", "--output", sec.toString(),
                "--export-secret-keys", "ops@example.org").exitCode()).isZero();
        gpg.importKey(KeyRing.armor(TestKeys.pub(TestKeys.SIGNER)));
        List<PGPPublicKeyRing> opsPublic = KeyRing.loadPublicRings(pub);
        PGPSecretKeyRing opsSecret = KeyRing.loadSecretRings(sec).get(0);
        ObjectEncryptor encryptor = new ObjectEncryptor(KeyRing.encryptionKeys(opsPublic.get(0)),
                KeyRing.unlockSigningKey(TestKeys.SIGNER, null));
        Path object = dir.resolve("object.pgp");
        Files.write(object, encryptor.encrypt(PLAINTEXT, "chunk"));
        Path out = dir.resolve("plain");

        Gpg.Result result = gpg.run("--trust-model", "always", "--output", out.toString(), "--decrypt", object.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(out).hasBinaryContent(PLAINTEXT);
        assertThat(result.status()).contains("[GNUPG:] GOODSIG");
        ObjectDecryptor decryptor = new ObjectDecryptor(KeyRing.unlockDecryptionKeys(opsSecret, null),
                KeyRing.signingKeys(TestKeys.pub(TestKeys.SIGNER)));
        assertThat(decryptor.decrypt(Files.readAllBytes(object))).isEqualTo(PLAINTEXT);
        assertThat(new String(Files.readAllBytes(sec), StandardCharsets.US_ASCII)).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    }
}
