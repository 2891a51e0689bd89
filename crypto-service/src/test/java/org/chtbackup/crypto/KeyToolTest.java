package org.chtbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.chtbackup.crypto.keys.KeyTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key CLI generates usable key sets, lists fingerprints, refuses bad rotations clearly, and never prints a key. */
class KeyToolTest {

    record Run(int code, String out, String err) {
    }

    private static Run keys(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = KeyTool.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void generatePrintsFingerprintsOfOwnerOnlyKeysAndNoKeyMaterial(@TempDir Path dir) throws Exception {
        Run generate = keys("generate", "--out", dir.toString(), "--recipient", "ops,escrow");
        assertThat(generate.code()).as(generate.err()).isZero();
        String sealingPrivate = Files.readString(dir.resolve("sealing.key")).strip();
        for (String name : List.of("ops", "escrow")) {
            String fingerprint = KeyRing.fingerprint(KeyRing.loadPublicRings(dir.resolve(name + ".pub.asc")).get(0).getPublicKey());
            assertThat(generate.out()).contains(name).contains(fingerprint);
            assertThat(Files.getPosixFilePermissions(dir.resolve(name + ".asc")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("sealing.key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String sealingFingerprint = SealingKeys.fromPrivateKey(SealingKeys.decode(sealingPrivate)).fingerprint();
        assertThat(generate.out()).contains("sealing   " + sealingFingerprint).doesNotContain(sealingPrivate)
                .doesNotContain("PRIVATE KEY");

        Run list = keys("fingerprints", dir.resolve("ops.asc").toString(), dir.resolve("ops.pub.asc").toString(),
                dir.resolve("sealing.key").toString(), dir.resolve("sealing.pub").toString());
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("ops.asc  secret").contains("ops.pub.asc  public")
                .contains("sealing.key  sealing  " + sealingFingerprint).contains("sealing.pub  sealing  " + sealingFingerprint)
                .doesNotContain(sealingPrivate).doesNotContain("PRIVATE KEY");

        Run recipient = keys("recipient", "--out", dir.toString(), "--name", "ops-2026");
        assertThat(recipient.code()).as(recipient.err()).isZero();
        assertThat(recipient.out()).contains(KeyRing.fingerprint(
                KeyRing.loadPublicRings(dir.resolve("ops-2026.pub.asc")).get(0).getPublicKey()));
    }

    @Test
    void senderKeysAreRegisteredForCryptoAndStorageEventKeysSignAndVerify(@TempDir Path dir) throws Exception {
        assertThat(keys("generate", "--out", dir.toString()).code()).isZero();
        byte[] eventsPrivate = SealingKeys.readKey(dir.resolve("storage-events.key"));
        byte[] eventsPublic = SealingKeys.readKey(dir.resolve("storage-events.pub"));
        org.chtbackup.contracts.signing.EventSigningKeys events =
                org.chtbackup.contracts.signing.EventSigningKeys.fromPrivateKey(eventsPrivate);
        assertThat(events.publicKey()).isEqualTo(eventsPublic);
        assertThat(Files.getPosixFilePermissions(dir.resolve("storage-events.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Run list = keys("fingerprints", dir.resolve("storage-events.key").toString(),
                dir.resolve("storage-events.pub").toString());
        assertThat(list.out()).contains("storage-events.key  sealing  " + events.fingerprint())
                .contains("storage-events.pub  sealing  " + events.fingerprint());

        Path register = dir.resolve("senders");
        Run sender = keys("sender", "--deployment", "clinic-7", "--out", dir.resolve("host").toString(),
                "--register", register.toString());
        assertThat(sender.code()).as(sender.err()).isZero();
        byte[] hostKey = SealingKeys.readKey(dir.resolve("host/clinic-7.sender.key"));
        byte[] registered = SealingKeys.readKey(register.resolve("clinic-7.pub"));
        assertThat(SealingKeys.fromPrivateKey(hostKey).publicKey()).isEqualTo(registered);
        assertThat(sender.out()).contains("clinic-7 " + SealingKeys.fingerprint(registered))
                .doesNotContain(SealingKeys.encode(hostKey));
        assertThat(Files.getPosixFilePermissions(dir.resolve("host/clinic-7.sender.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var files = Files.list(register)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("clinic-7.pub");
        }

        Run rotate = keys("sender", "--deployment", "clinic-7", "--out", dir.resolve("host").toString(),
                "--register", register.toString());
        assertThat(rotate.code()).isZero();
        assertThat(SealingKeys.readKey(register.resolve("clinic-7.pub"))).as("a new key replaces the old one")
                .isNotEqualTo(registered);

        Run bad = keys("sender", "--deployment", "../etc", "--out", dir.toString(), "--register", register.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("must be 1-63 lowercase letters");
    }

    @Test
    void badRotationsFailWithTheFixAndWriteNothing(@TempDir Path dir) throws Exception {
        assertThat(keys("generate", "--out", dir.toString(), "--recipient", "ops").code()).isZero();
        String ops = dir.resolve("ops.pub.asc").toString();
        String opsFingerprint = KeyRing.fingerprint(KeyRing.loadPublicRings(dir.resolve("ops.pub.asc")).get(0).getPublicKey());
        Path out = dir.resolve("next.asc");

        Run unknown = keys("rotate", "--current", ops, "--remove", "0".repeat(40), "--out", out.toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no current recipient has fingerprint " + "0".repeat(40)).contains("keys fingerprints");

        Run last = keys("rotate", "--current", ops, "--remove", opsFingerprint, "--out", out.toString());
        assertThat(last.code()).isEqualTo(1);
        assertThat(last.err()).contains("would have no recipient");

        Run secret = keys("rotate", "--current", ops, "--add", dir.resolve("ops.asc").toString(), "--out", out.toString());
        assertThat(secret.code()).isEqualTo(1);
        assertThat(secret.err()).contains("ops.asc").contains("expected public keys").doesNotContain("PRIVATE KEY");
        String armored = Files.readString(dir.resolve("ops.asc"));
        armored.lines().filter(l -> l.length() > 40).forEach(line -> assertThat(secret.err() + secret.out()).doesNotContain(line));

        Run duplicate = keys("rotate", "--current", ops, "--add", ops, "--out", out.toString());
        assertThat(duplicate.code()).isEqualTo(1);
        assertThat(duplicate.err()).contains("already in the list");

        Run nothing = keys("rotate", "--current", ops, "--out", out.toString());
        assertThat(nothing.code()).isEqualTo(1);
        assertThat(Files.exists(out)).isFalse();
    }
}
