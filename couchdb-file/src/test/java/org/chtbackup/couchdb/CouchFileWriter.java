package org.chtbackup.couchdb;

import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.chtbackup.couchdb.block.BlockFile;

/**
 * Appends chunks and headers as couch_file does: every 4096-byte block starts with a marker byte (0 for data,
 * 1 for a header), a chunk is a 4-byte length (high bit set when an MD5 follows) then its payload, a header sits
 * at a block boundary. Enough to build small, valid files for tests; CouchDB's own files are in {@code fixtures/}.
 */
public final class CouchFileWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Appends term_to_binary of {@code term} as a chunk; returns its offset. Document summaries carry an MD5. */
    public long append(OtpErlangObject term, boolean withMd5) {
        byte[] data = termToBinary(term);
        long pos = out.size();
        ByteBuffer word = ByteBuffer.allocate(4).putInt(data.length | (withMd5 ? 0x80000000 : 0));
        physical(word.array());
        if (withMd5) {
            physical(md5(data));
        }
        physical(data);
        return pos;
    }

    /** Writes a header at the next block boundary, as couch_file:write_header/2. */
    public void header(OtpErlangObject header) {
        while (out.size() % BlockFile.BLOCK_SIZE != 0) {
            out.write(0);
        }
        out.writeBytes(HeaderFiles.block(header));
    }

    public Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, out.toByteArray());
    }

    /** Payload bytes with a 0 marker wherever a block starts. */
    private void physical(byte[] payload) {
        for (byte b : payload) {
            if (out.size() % BlockFile.BLOCK_SIZE == 0) {
                out.write(0);
            }
            out.write(b);
        }
    }

    static byte[] termToBinary(OtpErlangObject term) {
        OtpOutputStream os = new OtpOutputStream(term);
        byte[] bin = new byte[os.size() + 1];
        bin[0] = (byte) 131;
        System.arraycopy(os.toByteArray(), 0, bin, 1, os.size());
        return bin;
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
