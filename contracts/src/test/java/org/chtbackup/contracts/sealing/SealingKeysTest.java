package org.chtbackup.contracts.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealingKeysTest {

    @TempDir
    Path dir;

    @Test
    void base64RoundTripsBothKeys() {
        SealingKeys keys = SealingKeys.generate();

        assertThat(SealingKeys.decode(SealingKeys.encode(keys.publicKey()))).isEqualTo(keys.publicKey());
        assertThat(SealingKeys.decode(SealingKeys.encode(keys.privateKey()) + "\n")).isEqualTo(keys.privateKey());
    }

    @Test
    void privateKeyDeterminesPublicKey() {
        SealingKeys keys = SealingKeys.generate();

        assertThat(SealingKeys.fromPrivateKey(keys.privateKey()).publicKey()).isEqualTo(keys.publicKey());
    }

    @Test
    void filesRoundTripAndPrivateKeyFileIsOwnerOnly() throws Exception {
        SealingKeys keys = SealingKeys.generate();
        Path pub = dir.resolve("sealing.pub");
        Path key = dir.resolve("sealing.key");

        SealingKeys.writePublicKey(pub, keys.publicKey());
        SealingKeys.writePrivateKey(key, keys.privateKey());

        assertThat(SealingKeys.readKey(pub)).isEqualTo(keys.publicKey());
        assertThat(SealingKeys.readKey(key)).isEqualTo(keys.privateKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void keysFromFilesSealAndOpen() throws Exception {
        SealingKeys keys = SealingKeys.generate();
        SealingKeys.writePublicKey(dir.resolve("p"), keys.publicKey());
        SealingKeys.writePrivateKey(dir.resolve("k"), keys.privateKey());
        SealingKeys sender = SealingKeys.generate();
        SealingKeys.writePrivateKey(dir.resolve("sender.key"), sender.privateKey());
        SealingKeys.writePublicKey(dir.resolve("sender.pub"), sender.publicKey());
        byte[] sealed = new Sealer(SealingKeys.readKey(dir.resolve("p")), SealingKeys.readKey(dir.resolve("sender.key")))
                .seal(new byte[] {1, 2, 3}, new byte[] {9});

        assertThat(new Opener(SealingKeys.readKey(dir.resolve("k")))
                .open(sealed, new byte[] {9}, SealingKeys.readKey(dir.resolve("sender.pub"))))
                .containsExactly(1, 2, 3);
    }

    @Test
    void fingerprintIsFirst16HexOfSha256OfPublicKey() throws Exception {
        SealingKeys keys = SealingKeys.generate();
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(keys.publicKey());

        assertThat(keys.fingerprint())
                .hasSize(16)
                .isEqualTo(java.util.HexFormat.of().formatHex(digest).substring(0, 16));
        assertThat(new Sealer(keys.publicKey(), SealingKeys.generate().privateKey()).fingerprint()).isEqualTo(keys.fingerprint());
        assertThat(new Opener(keys.privateKey()).fingerprint()).isEqualTo(keys.fingerprint());
    }

    @Test
    void toStringShowsOnlyFingerprint() {
        SealingKeys keys = SealingKeys.generate();

        assertThat(keys.toString())
                .contains(keys.fingerprint())
                .doesNotContain(SealingKeys.encode(keys.privateKey()));
    }

    @Test
    void badTextIsRefusedWithoutEchoingIt() {
        String notBase64 = "secret-looking!!text";
        String wrongLength = Base64.getEncoder().encodeToString(new byte[31]);

        assertThatThrownBy(() -> SealingKeys.decode(notBase64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(notBase64)
                .hasNoCause();
        assertThatThrownBy(() -> SealingKeys.decode(wrongLength))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 31 bytes");
        assertThatThrownBy(() -> SealingKeys.decode(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
