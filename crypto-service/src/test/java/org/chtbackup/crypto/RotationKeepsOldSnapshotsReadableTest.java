package org.chtbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.openpgp.ObjectAuthenticationException;
import org.chtbackup.crypto.keys.KeyTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * {@code keys rotate} replaces the ops key with a new one: snapshots encrypted afterwards are for the new key only and
 * say so in their manifest, while a snapshot encrypted before stays readable with the old private key.
 */
class RotationKeepsOldSnapshotsReadableTest {

    @Test
    void newSnapshotsUseTheNewListAndOldOnesOpenWithTheOldKey(@TempDir Path work) throws Exception {
        TestKeys keys = new TestKeys(work.resolve("keys"));
        byte[] before = encryptManifest(keys, List.of(keys.dir.resolve("ops.pub.asc"), keys.dir.resolve("escrow.pub.asc")), "s1");

        PGPSecretKeyRing newOps = KeyRing.generateRecipientKey("ops 2026", null);
        KeyRing.save(work.resolve("ops-2026.pub.asc"), KeyRing.publicRing(newOps));
        String oldOps = KeyRing.fingerprint(keys.ops.getPublicKey());
        StringWriter out = new StringWriter();
        Path next = work.resolve("recipients-next.asc");
        int code = KeyTool.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "rotate",
                "--current", keys.dir.resolve("ops.pub.asc").toString(), keys.dir.resolve("escrow.pub.asc").toString(),
                "--add", work.resolve("ops-2026.pub.asc").toString(), "--remove", oldOps, "--out", next.toString());
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("remove  " + oldOps).contains("add     " + KeyRing.fingerprint(newOps.getPublicKey()))
                .contains("crypto.recipient-key-files=");

        byte[] after = encryptManifest(keys, List.of(next), "s2");

        assertThat(recipients(keys.decryptorFor(keys.ops).decrypt(before))).contains(oldOps);
        assertThat(keys.decryptorFor(keys.escrow).decrypt(before)).isNotEmpty();
        assertThatThrownBy(() -> keys.decryptorFor(newOps).decrypt(before)).isInstanceOf(ObjectAuthenticationException.class)
                .hasMessageContaining("not encrypted to any configured decryption key");

        byte[] afterPlain = keys.decryptorFor(newOps).decrypt(after);
        assertThat(recipients(afterPlain)).containsExactly(KeyRing.fingerprint(keys.escrow.getPublicKey()),
                KeyRing.fingerprint(newOps.getPublicKey()));
        assertThat(keys.decryptorFor(keys.escrow).decrypt(after)).isEqualTo(afterPlain);
        assertThatThrownBy(() -> keys.decryptorFor(keys.ops).decrypt(after)).isInstanceOf(ObjectAuthenticationException.class);
    }

    /** What a fresh service instance configured with {@code recipientFiles} makes of one manifest part. */
    private static byte[] encryptManifest(TestKeys keys, List<Path> recipientFiles, String snapshot) {
        CryptoProperties props = new CryptoProperties(keys.dir.resolve("sealing.key"), null, keys.senders, recipientFiles, null,
                keys.dir.resolve("signing.asc"), null, null);
        String manifestId = "20260101T000000Z-" + snapshot;
        byte[] json = Services.manifestJson("clinic-a", snapshot, List.of()).getBytes(StandardCharsets.UTF_8);
        byte[] event = Parts.sealedManifest(keys, "clinic-a", snapshot, manifestId, json, 0);
        ObjectEncrypted object = ServiceKeys.load(props).partEncryptor().encrypt(
                org.chtbackup.contracts.events.EventWire.decodePart(event));
        assertThat(object.kind()).isEqualTo(PartKind.MANIFEST);
        return object.object();
    }

    private static List<String> recipients(byte[] manifest) {
        JsonNode block = Parts.JSON.readTree(manifest).get("encryption");
        return block.get("recipients").values().stream().map(JsonNode::asString).toList();
    }
}
