package org.chtbackup.couchdb;

import com.ericsson.otp.erlang.OtpErlangAtom;
import com.ericsson.otp.erlang.OtpErlangBinary;
import com.ericsson.otp.erlang.OtpErlangList;
import com.ericsson.otp.erlang.OtpErlangLong;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Writes files that hold only CouchDB header blocks, built from the on-disk format as
 * couch_file:write_header/2 lays it out (block-aligned marker 1, a 4-byte length, the MD5 of the
 * term, term_to_binary of the header). They are not made by CouchDB: no real view files with these
 * headers exist in the fixtures, so tests build the header terms CouchDB's source writes.
 */
public final class HeaderFiles {

    /** A 16-byte view signature, as couch_mrview and couch_view_group compute (an MD5). */
    public static final byte[] SIG = HexFormat.of().parseHex("0123456789abcdef0123456789abcdef");

    private HeaderFiles() {}

    /** Writes each header at the next 4096-byte block boundary, zero-padded between them. */
    public static Path write(Path file, OtpErlangObject... headers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (OtpErlangObject h : headers) {
            while (out.size() % 4096 != 0) {
                out.write(0);
            }
            out.writeBytes(block(h));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, out.toByteArray());
    }

    /** One header block: 1, length, MD5 of the term, the term. Small headers only (no block markers inside). */
    static byte[] block(OtpErlangObject header) {
        byte[] term = CouchFileWriter.termToBinary(header);
        if (term.length + 16 + 5 > 4096) {
            throw new IllegalArgumentException("header too large for one block");
        }
        return ByteBuffer.allocate(5 + 16 + term.length).put((byte) 1).putInt(16 + term.length).put(CouchFileWriter.md5(term))
                .put(term).array();
    }

    public static OtpErlangTuple tuple(OtpErlangObject... elements) {
        return new OtpErlangTuple(elements);
    }

    public static OtpErlangAtom atom(String name) {
        return new OtpErlangAtom(name);
    }

    public static OtpErlangLong num(long n) {
        return new OtpErlangLong(n);
    }

    public static OtpErlangBinary sig() {
        return new OtpErlangBinary(SIG);
    }

    public static OtpErlangList list(OtpErlangObject... elements) {
        return new OtpErlangList(elements);
    }

    /** {Sig, nil}: what both 1.x and 3.x write when an index file is opened and nothing is committed yet. */
    public static OtpErlangTuple notBuiltYet() {
        return tuple(sig(), atom("nil"));
    }

    /**
     * {Sig, #index_header{seq, purge_seq, id_btree_state, view_states}} as couch_view_group (1.2) writes
     * it: view states {BtState, UpdateSeq, PurgeSeq}; btree states {Pointer, Reduction, Size}, the id
     * btree without a reduce function (reduction []). The pointers lead nowhere: only headers are read.
     */
    public static OtpErlangTuple indexHeader1x(long seq) {
        OtpErlangTuple idBtree = tuple(num(0), list(), num(100));
        OtpErlangTuple view = tuple(tuple(num(0), tuple(num(2), list()), num(80)), num(seq), num(0));
        return tuple(sig(), tuple(atom("index_header"), num(seq), num(0), idBtree, list(view)));
    }
}
