package org.chtbackup.couchdb.header;

import com.ericsson.otp.erlang.OtpErlangMap;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.chtbackup.couchdb.btree.BtreeState;
import org.chtbackup.couchdb.term.TermException;
import org.chtbackup.couchdb.term.Terms;

/**
 * A .view file's header, {Sig, #mrheader{}}, in any of the three layouts couch_mrview_util reads:
 * &lt;2.3.1 (with a log btree), 2.3.1–3.2.1 (five fields) and 3.2.1+ (a view_info map).
 *
 * @param signature hex of the index signature; the file is named after it
 * @param layout    which of the three layouts was found
 */
public record ViewHeader(
        String signature, long updateSeq, long purgeSeq, BtreeState idBtree, List<BtreeState> views, String layout) {

    public static ViewHeader parse(OtpErlangObject term) {
        OtpErlangTuple outer = Terms.tuple(term, 2, "view header");
        String sig = HexFormat.of().formatHex(Terms.binary(outer.elementAt(0), "view signature"));
        OtpErlangTuple h = Terms.tuple(outer.elementAt(1), "mrheader");
        if (!Terms.isAtom(h.elementAt(0), "mrheader") || (h.arity() != 5 && h.arity() != 6)) {
            throw new TermException("view header: not an mrheader record");
        }
        String layout;
        if (h.arity() == 5) {
            layout = "2.3.1-3.2.1";
        } else if (h.elementAt(4) instanceof OtpErlangMap) {
            layout = "3.2.1+";
        } else {
            layout = "pre-2.3.1";
        }
        List<BtreeState> views = new ArrayList<>();
        for (OtpErlangObject v : Terms.list(h.elementAt(h.arity() - 1), "view states")) {
            OtpErlangTuple state = Terms.tuple(v, "view state");
            views.add(BtreeState.parse(state.elementAt(0), "view btree"));
        }
        return new ViewHeader(sig,
                Terms.longValue(h.elementAt(1), "view seq"),
                Terms.isLong(h.elementAt(2)) ? Terms.longValue(h.elementAt(2), "view purge seq") : 0,
                BtreeState.parse(h.elementAt(3), "view id btree"),
                java.util.Collections.unmodifiableList(views),
                layout);
    }
}
