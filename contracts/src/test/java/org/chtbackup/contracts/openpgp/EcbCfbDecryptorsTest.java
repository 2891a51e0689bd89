package org.chtbackup.contracts.openpgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.SplittableRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The many-blocks-at-once CFB decryption gives exactly what SunJCE's block-by-block AES/CFB gives. */
class EcbCfbDecryptorsTest {

    @ParameterizedTest(name = "{0} bytes, AES-{1}, source reads of at most {2}")
    @CsvSource({"0,256,65536", "1,256,65536", "15,128,65536", "16,256,7", "17,192,1", "65535,256,65536",
            "65536,256,65536", "65537,256,4096", "200003,256,65536", "200003,128,13", "1000000,256,100000"})
    void matchesSunJceCfb(int length, int keyBits, int maxRead) throws Exception {
        Case c = new Case(length, keyBits);
        byte[] plaintext = c.plaintext;

        try (InputStream in = new EcbCfbDecryptors.Stream(new Trickle(new ByteArrayInputStream(c.ciphertext),
                maxRead), c.ecb())) {
            byte[] first = new byte[Math.min(3, length)];
            for (int i = 0; i < first.length; i++) {
                first[i] = (byte) in.read(); // BC reads the prefix byte by byte
            }
            byte[] rest = in.readAllBytes();
            byte[] all = new byte[first.length + rest.length];
            System.arraycopy(first, 0, all, 0, first.length);
            System.arraycopy(rest, 0, all, first.length, rest.length);
            assertThat(all).isEqualTo(plaintext);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0} bytes, AES-{1}, held whole, in place in pieces of at most {2}")
    @CsvSource({"0,256,65536", "1,256,65536", "15,128,7", "16,256,16", "17,192,1", "65537,256,65536",
            "65537,256,65535", "1000003,128,65536", "1000003,256,4099", "4194321,256,1000000"})
    void heldInPlaceMatchesSunJceCfbAndHashesAllButTheLastTwentyBytes(int length, int keyBits, int piece)
            throws Exception {
        Case c = new Case(length, keyBits);
        int at = 5; // the encrypted data starts a few bytes into the object's array, after its packet headers
        byte[] data = new byte[at + length + 3];
        System.arraycopy(c.ciphertext, 0, data, at, length);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        int hashed = Math.max(0, length - 20);
        EcbCfbDecryptors.InPlace cfb = new EcbCfbDecryptors.InPlace(c.ecb(), sha1,
                new byte[EcbCfbDecryptors.InPlace.STEP], at, at + length, at + hashed);

        for (int upTo = at; upTo < at + length; ) { // the pieces a partial-length body is joined in
            upTo = Math.min(upTo + piece, at + length);
            cfb.available(data, upTo);
        }
        cfb.available(data, at + length);

        assertThat(cfb.finished()).isTrue();
        assertThat(Arrays.copyOfRange(data, at, at + length)).isEqualTo(c.plaintext);
        assertThat(sha1.digest()).isEqualTo(MessageDigest.getInstance("SHA-1").digest(
                Arrays.copyOf(c.plaintext, hashed)));
    }

    /** A random key and plaintext, and the plaintext encrypted by SunJCE's AES/CFB with OpenPGP's zero IV. */
    private static final class Case {
        final byte[] key;
        final byte[] plaintext;
        final byte[] ciphertext;

        Case(int length, int keyBits) throws Exception {
            SplittableRandom random = new SplittableRandom(length * 31L + keyBits);
            key = new byte[keyBits / 8];
            plaintext = new byte[length];
            random.nextBytes(key);
            random.nextBytes(plaintext);
            Cipher cfb = Cipher.getInstance("AES/CFB/NoPadding", "SunJCE");
            cfb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
            ciphertext = cfb.doFinal(plaintext);
        }

        /** The AES/ECB cipher the decryptors take, set up for the key. */
        Cipher ecb() throws Exception {
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return ecb;
        }
    }

    /** A source that hands out at most {@code max} bytes per read, as packet streams do. */
    private static final class Trickle extends FilterInputStream {
        private final int max;

        Trickle(InputStream in, int max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, max));
        }
    }
}
