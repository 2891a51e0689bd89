package org.chtbackup.couchdb.doc;

import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.chtbackup.couchdb.block.BlockFile;
import org.chtbackup.couchdb.block.Chunk;
import org.chtbackup.couchdb.block.CouchFormatException;
import org.chtbackup.couchdb.term.TermDecoder;
import org.chtbackup.couchdb.term.TermException;
import org.chtbackup.couchdb.term.Terms;

/**
 * Reads document summaries ({Body, Atts}, each compressed separately, in a checksummed chunk) and
 * attachment streams. Bodies come back as JSON text only to the caller; nothing here logs them.
 */
public final class DocReader {

    private final BlockFile file;

    public DocReader(BlockFile file) {
        this.file = file;
    }

    /** A decoded summary: the EJSON body and the attachments of that revision. */
    public record Summary(OtpErlangObject body, List<Attachment> attachments, int storedBytes) {}

    public Document read(FullDocInfo info) throws CouchFormatException {
        Leaf winner = info.winner();
        if (winner == null) {
            throw new CouchFormatException(file.path(), -1, "document '" + info.id() + "' has no revisions");
        }
        String json = null;
        List<Attachment> atts = List.of();
        if (winner.hasBody()) {
            Summary s = readSummary(winner.pointer());
            json = render(s.body(), winner.pointer());
            atts = s.attachments();
        }
        return new Document(info.id(), winner.rev(), winner.deleted(), info.seq(), info.conflicts(),
                info.deletedConflicts(), json, atts);
    }

    /** A _local doc lives whole in the local tree: value {Rev, Body}, Rev an integer or its text. */
    public Document readLocal(String id, OtpErlangObject value, long nodeOffset) throws CouchFormatException {
        try {
            OtpErlangTuple v = Terms.tuple(value, 2, "local doc");
            String rev = Terms.isLong(v.elementAt(0))
                    ? String.valueOf(Terms.longValue(v.elementAt(0), "local rev"))
                    : Terms.text(v.elementAt(0), "local rev");
            return new Document(id, "0-" + rev, false, 0, List.of(), List.of(),
                    render(nested(v.elementAt(1)), nodeOffset), List.of());
        } catch (TermException e) {
            throw new CouchFormatException(file.path(), nodeOffset, "local doc '" + id + "': " + e.getMessage(), e);
        }
    }

    public Summary readSummary(long pointer) throws CouchFormatException {
        Chunk chunk = file.readChunk(pointer);
        if (chunk.checksum() == null) {
            throw new CouchFormatException(file.path(), pointer, "document summary has no checksum");
        }
        try {
            OtpErlangTuple t = Terms.tuple(TermDecoder.decode(chunk.data()), 2, "document summary");
            List<Attachment> atts = new ArrayList<>();
            for (OtpErlangObject a : Terms.list(nested(t.elementAt(1)), "attachments")) {
                atts.add(AttachmentTerm.parse(a));
            }
            return new Summary(nested(t.elementAt(0)), List.copyOf(atts), chunk.data().length);
        } catch (TermException e) {
            throw new CouchFormatException(file.path(), pointer, "unreadable document summary: " + e.getMessage(), e);
        }
    }

    /** Writes an attachment's stored bytes to {@code out}, failing if length or MD5 disagree. */
    public void copyAttachment(Attachment att, OutputStream out) throws IOException {
        MessageDigest md5 = md5();
        long total = 0;
        long first = att.chunks().isEmpty() ? -1 : att.chunks().get(0);
        for (long pos : att.chunks()) {
            byte[] data = file.readChunk(pos).data();
            md5.update(data);
            total += data.length;
            out.write(data);
        }
        if (total != att.length()) {
            throw new CouchFormatException(file.path(), first, "attachment '" + att.name() + "' has " + total
                    + " bytes, its record says " + att.length());
        }
        if (att.md5().length > 0 && !Arrays.equals(md5.digest(), att.md5())) {
            throw new CouchFormatException(file.path(), first, "attachment '" + att.name() + "' does not match its digest "
                    + att.digest());
        }
    }

    public byte[] readAttachment(Attachment att) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) Math.min(att.length(), 1 << 20));
        copyAttachment(att, out);
        return out.toByteArray();
    }

    private String render(OtpErlangObject body, long offset) throws CouchFormatException {
        try {
            return Json.write(body);
        } catch (TermException e) {
            throw new CouchFormatException(file.path(), offset, "document body is not JSON: " + e.getMessage(), e);
        }
    }

    /** Body and Atts are each a compressed term inside the summary (3.x), or plain terms (old files). */
    private static OtpErlangObject nested(OtpErlangObject o) {
        if (o instanceof com.ericsson.otp.erlang.OtpErlangBinary b && TermDecoder.isEncodedTerm(b.binaryValue())) {
            return TermDecoder.decode(b.binaryValue());
        }
        return o;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JRE", e);
        }
    }
}
