package org.chtbackup.couchdb.doc;

import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.util.ArrayList;
import java.util.List;
import org.chtbackup.couchdb.term.TermException;
import org.chtbackup.couchdb.term.Terms;

/** couch_att:from_disk_term/2 for readers: the three disk layouts of an attachment record. */
final class AttachmentTerm {

    private AttachmentTerm() {}

    static Attachment parse(OtpErlangObject term) {
        OtpErlangTuple t = Terms.tuple(term, "attachment");
        // Current layout: {BaseTuple, ExtendedProps}; the base tuple is the 1.x 8-field record.
        if (t.arity() == 2 && t.elementAt(0) instanceof OtpErlangTuple base && Terms.isList(t.elementAt(1))) {
            return parse(base);
        }
        if (t.arity() == 8) {
            return new Attachment(Terms.text(t.elementAt(0), "attachment name"), Terms.text(t.elementAt(1), "content type"),
                    Terms.longValue(t.elementAt(3), "att_len"), Terms.longValue(t.elementAt(4), "disk_len"),
                    revpos(t.elementAt(5)), md5(t.elementAt(6)), encoding(t.elementAt(7)), stream(t.elementAt(2)));
        }
        if (t.arity() == 6) {
            long len = Terms.longValue(t.elementAt(3), "att_len");
            return new Attachment(Terms.text(t.elementAt(0), "attachment name"), Terms.text(t.elementAt(1), "content type"),
                    len, len, revpos(t.elementAt(4)), md5(t.elementAt(5)), "identity", stream(t.elementAt(2)));
        }
        if (t.arity() == 2) {
            OtpErlangTuple inner = Terms.tuple(t.elementAt(1), 3, "attachment");
            long len = Terms.longValue(inner.elementAt(2), "att_len");
            return new Attachment(Terms.text(t.elementAt(0), "attachment name"), Terms.text(inner.elementAt(0), "content type"),
                    len, len, 0, new byte[0], "identity", stream(inner.elementAt(1)));
        }
        throw new TermException("attachment: unknown layout, a tuple of " + t.arity());
    }

    /** Stream pointers: [{Pos, Len}] since 2.0, [Pos] before. */
    private static List<Long> stream(OtpErlangObject sp) {
        List<Long> out = new ArrayList<>();
        for (OtpErlangObject e : Terms.list(sp, "attachment stream")) {
            if (e instanceof OtpErlangTuple pair) {
                out.add(Terms.longValue(pair.elementAt(0), "attachment chunk"));
            } else {
                out.add(Terms.longValue(e, "attachment chunk"));
            }
        }
        return List.copyOf(out);
    }

    private static long revpos(OtpErlangObject o) {
        return Terms.isLong(o) ? Terms.longValue(o, "revpos") : 0;
    }

    private static byte[] md5(OtpErlangObject o) {
        return Terms.isUnset(o) ? new byte[0] : Terms.binary(o, "attachment md5");
    }

    /** couch_att:upgrade_encoding/1: true meant gzip, false identity. */
    private static String encoding(OtpErlangObject o) {
        if (Terms.isAtom(o, "true")) {
            return "gzip";
        }
        if (Terms.isAtom(o, "false") || Terms.isUnset(o)) {
            return "identity";
        }
        return Terms.text(o, "encoding");
    }
}
