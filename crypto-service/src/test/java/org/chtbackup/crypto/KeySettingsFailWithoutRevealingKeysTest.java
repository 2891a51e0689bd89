package org.chtbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.List;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each wrong key setting stops the service with a message naming the setting, and no exception in the chain quotes a key. */
class KeySettingsFailWithoutRevealingKeysTest {

    private static final String PASSPHRASE = "correct-horse-passphrase";

    @Test
    void wrongPassphraseBadBase64MissingAndDoubleSettingsAreClearErrors(@TempDir Path work) throws Exception {
        TestKeys keys = new TestKeys(work.resolve("keys"));
        PGPSecretKeyRing signer = KeyRing.generateSigningKey("protected", PASSPHRASE.toCharArray());
        String signerArmor = KeyRing.armor(signer);
        String sealing = SealingKeys.encode(keys.sealing.privateKey());
        String recipients = KeyRing.armor(KeyRing.publicRing(keys.ops));
        String notBase64 = sealing.substring(0, 20) + "!!not-base64!!";

        assertClear(new CryptoProperties(null, sealing, keys.senders, List.of(), recipients, null, signerArmor, "wrong-passphrase"),
                "cannot unlock secret key", signerArmor, sealing, PASSPHRASE, "wrong-passphrase");
        assertClear(new CryptoProperties(null, notBase64, keys.senders, List.of(), recipients, null, signerArmor, PASSPHRASE),
                "crypto.sealing-private-key: sealing key is not valid base64", notBase64, signerArmor, PASSPHRASE);
        assertClear(new CryptoProperties(null, sealing, keys.senders, List.of(), recipients, null, null, PASSPHRASE),
                "set crypto.signing-key-file or crypto.signing-key", sealing, PASSPHRASE);
        assertClear(new CryptoProperties(keys.dir.resolve("sealing.key"), sealing, keys.senders, List.of(), recipients, null, signerArmor,
                PASSPHRASE), "keep only one", sealing, signerArmor, PASSPHRASE);
        assertClear(new CryptoProperties(null, sealing, keys.senders, List.of(), signerArmor, null, signerArmor, PASSPHRASE),
                "crypto.recipient-keys: expected public keys", sealing, signerArmor, PASSPHRASE);
        assertClear(new CryptoProperties(null, sealing, keys.senders, List.of(keys.dir.resolve("missing.pub.asc")), null, null,
                signerArmor, PASSPHRASE), "missing.pub.asc", sealing, signerArmor, PASSPHRASE);

        // And the right settings work.
        assertThat(ServiceKeys.load(new CryptoProperties(null, sealing, keys.senders, List.of(), recipients, null, signerArmor, PASSPHRASE))
                .partEncryptor().keys().signer()).isEqualTo(KeyRing.fingerprint(signer.getPublicKey()));
        assertThat(new CryptoProperties(null, sealing, keys.senders, List.of(), recipients, null, signerArmor, PASSPHRASE).toString())
                .doesNotContain(sealing).doesNotContain(PASSPHRASE).doesNotContain("PGP");
    }

    private static void assertClear(CryptoProperties props, String expected, String... secrets) {
        Throwable thrown = catchThrowable(() -> ServiceKeys.load(props));
        assertThat(thrown).as("settings %s", props).isNotNull().hasMessageContaining(expected);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            for (String secret : secrets) {
                assertThat(message).as("message of " + t.getClass().getSimpleName()).doesNotContain(secret);
                secret.lines().filter(l -> l.length() > 40).forEach(line -> assertThat(message).doesNotContain(line));
            }
        }
    }
}
