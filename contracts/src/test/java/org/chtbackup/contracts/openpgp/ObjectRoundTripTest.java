package org.chtbackup.contracts.openpgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chtbackup.contracts.openpgp.TestKeys.ESCROW;
import static org.chtbackup.contracts.openpgp.TestKeys.OPS;
import static org.chtbackup.contracts.openpgp.TestKeys.STRANGER;
import static org.chtbackup.contracts.openpgp.TestKeys.decryptorFor;
import static org.chtbackup.contracts.openpgp.TestKeys.encryptorTo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectRoundTripTest {

    static final byte[] DOC = "{\"_id\":\"patient-1\",\"name\":\"Jane Doe\",\"type\":\"person\"}\n"
            .repeat(200).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void eachOfTwoRecipientsDecryptsAlone() {
        byte[] object = encryptorTo(OPS, ESCROW).encrypt(DOC, "chunk-ab12");

        assertThat(decryptorFor(OPS).decrypt(object)).isEqualTo(DOC);
        assertThat(decryptorFor(ESCROW).decrypt(object)).isEqualTo(DOC);
    }

    @Test
    void objectHoldsNoPlaintextAndIsNotOpenPgpCompressed() {
        byte[] object = encryptorTo(OPS).encrypt(DOC, "chunk-ab12");

        // Packs arrive zstd-compressed; OpenPGP compression would cost CPU for nothing, so the size only grows by
        // the session keys, the signature and the packet headers.
        assertThat(object.length).isBetween(DOC.length, DOC.length + 1024);
        assertThat(new String(object, StandardCharsets.ISO_8859_1)).doesNotContain("Jane Doe");
    }

    @Test
    void emptyPlaintextRoundTrips() {
        assertThat(decryptorFor(OPS).decrypt(encryptorTo(OPS).encrypt(new byte[0], "empty"))).isEmpty();
    }

    @Test
    void largeObjectStreamsThroughInSmallPieces() throws IOException {
        // 6 MiB: half random, half text, read back through 1-byte-at-a-time-ish dribbling input.
        byte[] plaintext = new byte[6 << 20];
        new Random(1).nextBytes(plaintext);
        System.arraycopy(DOC, 0, plaintext, 0, DOC.length);
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        encryptorTo(OPS).encrypt(new ByteArrayInputStream(plaintext), object, "big");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        decryptorFor(OPS).decrypt(new DribblingInputStream(object.toByteArray()), out);

        assertThat(out.toByteArray()).isEqualTo(plaintext);
    }

    @Test
    void objectForSomeoneElseIsRefused() {
        byte[] object = encryptorTo(STRANGER).encrypt(DOC, "chunk-ab12");

        assertThatThrownBy(() -> decryptorFor(OPS).decrypt(object))
                .isInstanceOf(ObjectAuthenticationException.class)
                .hasMessageContaining("not encrypted to any configured decryption key");
    }

    @Test
    void decryptToPathAppearsOnlyWhenAuthentic() throws IOException {
        byte[] object = encryptorTo(OPS).encrypt(DOC, "chunk-ab12");
        Path good = dir.resolve("good");
        Path bad = dir.resolve("bad");
        byte[] tampered = object.clone();
        tampered[tampered.length - 5] ^= 0x40;

        decryptorFor(OPS).decrypt(new ByteArrayInputStream(object), good);
        assertThatThrownBy(() -> decryptorFor(OPS).decrypt(new ByteArrayInputStream(tampered), bad))
                .isInstanceOf(ObjectAuthenticationException.class);

        assertThat(good).hasBinaryContent(DOC);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("good");
        }
    }

    @Test
    void failingSourceIsAnIoErrorNotABadObject() {
        byte[] object = encryptorTo(OPS).encrypt(DOC, "chunk-ab12");
        InputStream source = new ByteArrayInputStream(object, 0, 200) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n < 0) {
                    sneakyThrow(new IOException("connection reset"));
                }
                return n;
            }
        };

        assertThatThrownBy(() -> decryptorFor(OPS).decrypt(source, OutputStream.nullOutputStream()))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("connection reset");
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }

    @Test
    void overlongNameIsRefused() {
        assertThatThrownBy(() -> encryptorTo(OPS).encrypt(DOC, "x".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signingOnlyKeyIsNotAcceptedAsRecipient() {
        assertThatThrownBy(() -> KeyRing.encryptionKeys(TestKeys.pub(TestKeys.SIGNER)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no encryption key");
    }

    /** Returns at most 7 bytes per read, like a slow network stream. */
    static final class DribblingInputStream extends ByteArrayInputStream {
        DribblingInputStream(byte[] data) {
            super(data);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 7));
        }
    }
}
