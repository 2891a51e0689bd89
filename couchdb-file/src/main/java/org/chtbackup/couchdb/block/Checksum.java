package org.chtbackup.couchdb.block;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** The two 16-byte checksums CouchDB writes before a chunk or header: MD5 (up to 3.4) and XXH3-128 (3.5+). */
public enum Checksum {
    MD5,
    XXH3_128;

    /**
     * Which algorithm produced {@code stored} over {@code data}, or null when neither did.
     * MD5 is tried first because every file written before 3.5 uses it.
     */
    public static Checksum verify(byte[] data, int off, int len, byte[] stored) {
        if (Arrays.equals(md5(data, off, len), stored)) {
            return MD5;
        }
        if (Arrays.equals(xxh3(data, off, len), stored)) {
            return XXH3_128;
        }
        return null;
    }

    static byte[] md5(byte[] data, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(data, off, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JRE", e);
        }
    }

    /** Big-endian high 64 bits then low 64 bits, as CouchDB's exxhash NIF returns them. */
    static byte[] xxh3(byte[] data, int off, int len) {
        HashValue128 h = Hashing.xxh3_128().hashBytesTo128Bits(data, off, len);
        byte[] out = new byte[16];
        putLong(out, 0, h.getMostSignificantBits());
        putLong(out, 8, h.getLeastSignificantBits());
        return out;
    }

    private static void putLong(byte[] out, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            out[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
