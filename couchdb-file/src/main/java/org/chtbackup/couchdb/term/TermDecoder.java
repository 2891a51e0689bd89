package org.chtbackup.couchdb.term;

import com.ericsson.otp.erlang.OtpErlangDecodeException;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpInputStream;
import java.io.IOException;
import org.xerial.snappy.Snappy;

/**
 * Decodes what couch_compress:compress/2 wrote: a snappy frame after a 1 byte, or a plain or
 * deflate-compressed ({@code 131,80}) external term. zstd (CouchDB 3.6+) is named, not decoded.
 */
public final class TermDecoder {

    private static final int SNAPPY_PREFIX = 1;
    private static final int TERM_PREFIX = 131;
    /** Refuse to inflate beyond this: no CouchDB node or document body comes near it. */
    private static final int MAX_TERM_BYTES = 256 << 20;

    private TermDecoder() {}

    public static OtpErlangObject decode(byte[] bin) {
        return decode(bin, 0, bin.length);
    }

    public static OtpErlangObject decode(byte[] bin, int off, int len) {
        if (len == 0) {
            throw new TermException("empty term");
        }
        int prefix = bin[off] & 0xff;
        if (prefix == TERM_PREFIX) {
            return externalTerm(bin, off, len);
        }
        if (prefix == SNAPPY_PREFIX) {
            byte[] plain = unsnappy(bin, off + 1, len - 1);
            return externalTerm(plain, 0, plain.length);
        }
        if (len >= 4 && prefix == 0x28 && (bin[off + 1] & 0xff) == 0xb5 && (bin[off + 2] & 0xff) == 0x2f
                && (bin[off + 3] & 0xff) == 0xfd) {
            throw new TermException("zstd-compressed term: not supported by this reader");
        }
        throw new TermException("unknown compression prefix " + prefix);
    }

    /** True when the binary is one of couch_compress's encodings (so it holds a nested term). */
    public static boolean isEncodedTerm(byte[] bin) {
        return bin.length > 0 && ((bin[0] & 0xff) == TERM_PREFIX || (bin[0] & 0xff) == SNAPPY_PREFIX);
    }

    private static byte[] unsnappy(byte[] bin, int off, int len) {
        try {
            int size = Snappy.uncompressedLength(bin, off, len);
            if (size < 0 || size > MAX_TERM_BYTES) {
                throw new TermException("snappy frame claims " + size + " bytes");
            }
            byte[] out = new byte[size];
            int n = Snappy.uncompress(bin, off, len, out, 0);
            if (n != size) {
                throw new TermException("snappy frame gave " + n + " bytes, header said " + size);
            }
            return out;
        } catch (IOException e) {
            throw new TermException("corrupt snappy frame: " + e.getMessage(), e);
        }
    }

    private static OtpErlangObject externalTerm(byte[] bin, int off, int len) {
        byte[] exact = bin;
        if (off != 0 || len != bin.length) {
            exact = new byte[len];
            System.arraycopy(bin, off, exact, 0, len);
        }
        OtpInputStream in = new OtpInputStream(exact, 0);
        try {
            OtpErlangObject term = in.read_any();
            if (in.available() != 0) {
                throw new TermException(in.available() + " trailing bytes after term");
            }
            return term;
        } catch (OtpErlangDecodeException | RuntimeException e) {
            if (e instanceof TermException te) {
                throw te;
            }
            throw new TermException("undecodable external term: " + e.getMessage(), e);
        }
    }
}
