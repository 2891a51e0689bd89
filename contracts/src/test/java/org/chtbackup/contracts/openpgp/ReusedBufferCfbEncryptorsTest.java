package org.chtbackup.contracts.openpgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** The reused-buffer stream gives the same ciphertext as one cipher call, whatever the sizes of the writes. */
class ReusedBufferCfbEncryptorsTest {

    @Test
    void writesOfAnySizeGiveTheCiphertextOfOneCallAndCloseEndsTheStream() throws Exception {
        byte[] key = new byte[32];
        new Random(1).nextBytes(key);
        byte[] data = new byte[300_000];
        new Random(2).nextBytes(data);
        byte[] expected = cfb(key).doFinal(data);
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        ReusedBufferCfbEncryptors.Stream stream = new ReusedBufferCfbEncryptors.Stream(out, cfb(key));
        int at = 0;
        for (int size : new int[] {1, 15, 17, 18, 65_536, 65_537, 3, 100_000}) {
            stream.write(data, at, size);
            at += size;
        }
        stream.write(data[at++]);
        stream.write(data, at, data.length - at);
        stream.close();

        assertThat(out.toByteArray()).isEqualTo(expected);
        assertThat(closed[0]).as("closing ends the cipher and closes the packet stream, as Bouncy Castle's does")
                .isTrue();
    }

    private static Cipher cfb(byte[] key) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/CFB/NoPadding", "SunJCE");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
        return cipher;
    }
}
