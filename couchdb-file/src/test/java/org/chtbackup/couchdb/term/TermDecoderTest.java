package org.chtbackup.couchdb.term;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ericsson.otp.erlang.OtpErlangBinary;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class TermDecoderTest {

    /** term_to_binary({<<"abc...">>}): 131, SMALL_TUPLE 1, BINARY_EXT. */
    private static byte[] plainTerm(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(131);
        out.write(104);
        out.write(1);
        out.write(109);
        out.write(0);
        out.write(0);
        out.write(n >> 8);
        out.write(n);
        for (int i = 0; i < n; i++) {
            out.write('a' + i % 26);
        }
        return out.toByteArray();
    }

    @Test
    void decodesPlainSnappyAndDeflate() throws Exception {
        byte[] plain = plainTerm(300);
        OtpErlangObject expected = TermDecoder.decode(plain);
        assertThat(((OtpErlangBinary) ((OtpErlangTuple) expected).elementAt(0)).size()).isEqualTo(300);

        byte[] snappy = Snappy.compress(plain);
        byte[] framed = new byte[snappy.length + 1];
        framed[0] = 1;
        System.arraycopy(snappy, 0, framed, 1, snappy.length);
        assertThat(TermDecoder.decode(framed)).isEqualTo(expected);

        // term_to_binary(T, [compressed]): 131, 80, uncompressed size (without the 131), zlib data.
        Deflater d = new Deflater();
        d.setInput(plain, 1, plain.length - 1);
        d.finish();
        byte[] buf = new byte[1024];
        int n = d.deflate(buf);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        deflated.write(131);
        deflated.write(80);
        int size = plain.length - 1;
        deflated.write(new byte[] {(byte) (size >> 24), (byte) (size >> 16), (byte) (size >> 8), (byte) size});
        deflated.write(buf, 0, n);
        assertThat(TermDecoder.decode(deflated.toByteArray())).isEqualTo(expected);
    }

    @Test
    void rejectsUnknownAndCorruptInput() {
        assertThatThrownBy(() -> TermDecoder.decode(new byte[] {7, 1, 2})).isInstanceOf(TermException.class);
        assertThatThrownBy(() -> TermDecoder.decode(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0}))
                .hasMessageContaining("zstd");
        assertThatThrownBy(() -> TermDecoder.decode(new byte[] {1, (byte) 0xff, (byte) 0xff, 3}))
                .isInstanceOf(TermException.class);
    }
}
