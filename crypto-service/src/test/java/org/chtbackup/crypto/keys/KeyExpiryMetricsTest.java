package org.chtbackup.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.testing.Gpg;
import org.chtbackup.contracts.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expiry gauges from real keys: one stock gpg made with expiry dates, and one of ours that never expires. */
class KeyExpiryMetricsTest {

    @TempDir
    Path dir;

    @Test
    void aGpgKeyWithExpiryDatesIsExportedWithThemAndOursAsNeverExpiring() throws Exception {
        Requirements.require(Gpg.available(), "stock gpg is not installed; .ci/run installs gnupg");
        PGPPublicKeyRing expiring;
        try (Gpg gpg = new Gpg(Files.createDirectories(dir.resolve("gnupg")))) {
            assertThat(gpg.run("--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key", "ops <ops@example.org>", "ed25519", "sign,cert",
                    "30d").exitCode()).isZero();
            String fpr = KeyRing.fingerprint(export(gpg).getPublicKey());
            assertThat(gpg.run("--pinentry-mode", "loopback", "--passphrase", "", "--quick-add-key", fpr, "cv25519", "encr", "10d").exitCode()).isZero();
            expiring = export(gpg);
        }
        PGPPublicKeyRing ours = KeyRing.publicRing(KeyRing.generateSigningKey("crypto", null));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        KeyExpiryMetrics.register(registry, List.of(expiring), ours.getPublicKey());

        PGPPublicKey subkey = KeyRing.encryptionKeys(expiring).get(0);
        double recipient = registry.get("cht.backup.key.expiry.timestamp.seconds").tag("role", "recipient")
                .tag("fingerprint", KeyRing.fingerprint(subkey)).gauge().value();
        assertThat(recipient).isCloseTo(Instant.now().plus(Duration.ofDays(10)).getEpochSecond(), within(86_400d));
        assertThat(registry.get("cht.backup.key.expiry.timestamp.seconds").tag("role", "signing").gauge().value())
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(KeyExpiryMetrics.expiry(expiring.getPublicKey()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(30)).getEpochSecond(), within(86_400d));
    }

    /** The one key in gpg's keyring, exported armoured (gpg writes it to a file: run() discards stdout). */
    private PGPPublicKeyRing export(Gpg gpg) throws Exception {
        Path exported = Files.createTempFile(dir, "export", ".asc");
        Files.delete(exported);
        assertThat(gpg.run("--armor", "--output", exported.toString(), "--export").exitCode()).isZero();
        return KeyRing.loadPublicRings(exported).get(0);
    }
}
