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
    void heldScratchServesObjectAfterObjectOfAnySize() throws IOException {
        // A restore thread reads pack after pack into the same arrays: a large object, a damaged one, an empty one and
        // a small one in turn must each come out as if read alone.
        byte[] large = new byte[5 << 20];
        new Random(2).nextBytes(large);
        byte[] largeObject = encryptorTo(OPS).encrypt(large, "pack-1");
        byte[] damaged = largeObject.clone();
        damaged[damaged.length / 2] ^= 0x10;
        HeldObjectScratch scratch = new HeldObjectScratch(8 << 20);
        ObjectDecryptor decryptor = decryptorFor(OPS);

        HeldPlaintext held = decryptor.decrypt(new ByteArrayInputStream(largeObject), scratch);
        assertThat(held.toByteArray()).isEqualTo(large);
        assertThat(held.offset()).as("decrypted where it lies, after its packets' headers, not streamed out")
                .isPositive();
        assertThatThrownBy(() -> decryptor.decrypt(new ByteArrayInputStream(damaged), scratch))
                .isInstanceOf(ObjectAuthenticationException.class)
                .hasMessageContaining("MDC");
        assertThat(decryptor.decrypt(new ByteArrayInputStream(encryptorTo(OPS).encrypt(new byte[0], "empty")),
                scratch).length()).isZero();
        assertThat(decryptor.decrypt(new ByteArrayInputStream(encryptorTo(OPS).encrypt(DOC, "doc")), scratch)
                .toByteArray()).isEqualTo(DOC);
        assertThat(decryptor.decrypt(new DribblingInputStream(largeObject), scratch).toByteArray()).isEqualTo(large);
    }

    @Test
    void objectLargerThanTheHeldScratchIsRefusedAsBad() {
        byte[] plaintext = new byte[3 << 20];
        byte[] object = encryptorTo(OPS).encrypt(plaintext, "pack-1");

        assertThatThrownBy(() -> decryptorFor(OPS).decrypt(new ByteArrayInputStream(object),
                new HeldObjectScratch(2 << 20)))
                .isInstanceOf(ObjectAuthenticationException.class)
                .hasMessageContaining("exceeds " + (2 << 20) + " bytes");
    }

    @Test
    void failingSourceOfAHeldObjectIsAnIoErrorNotABadObject() {
        byte[] object = encryptorTo(OPS).encrypt(DOC, "chunk-ab12");

        assertThatThrownBy(() -> decryptorFor(OPS).decrypt(failingAfter(object, 200), new HeldObjectScratch(1 << 20)))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("connection reset");
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

        assertThatThrownBy(() -> decryptorFor(OPS).decrypt(failingAfter(object, 200), OutputStream.nullOutputStream()))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("connection reset");
    }

    /** The first {@code length} bytes of {@code object}, then a network failure. */
    private static InputStream failingAfter(byte[] object, int length) {
        return new ByteArrayInputStream(object, 0, length) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n < 0) {
                    sneakyThrow(new IOException("connection reset"));
                }
                return n;
            }
        };
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
