package org.chtbackup.couchdb.header;

import com.ericsson.otp.erlang.OtpErlangMap;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.chtbackup.couchdb.btree.BtreeState;
import org.chtbackup.couchdb.term.TermException;
import org.chtbackup.couchdb.term.Terms;

/**
 * A .view file's header, {Sig, State}, in every form CouchDB writes it:
 * <ul>
 *   <li>{Sig, nil}: the index file was opened (or reset) and nothing committed yet; both
 *       couch_view_group (1.x) and couch_mrview_util:reset_index/3 (2.x/3.x) write it first;</li>
 *   <li>{Sig, #index_header{}}: couch_view_group, CouchDB 0.10–1.2;</li>
 *   <li>{Sig, #mrheader{}} with four fields: couch_mrview in 1.3–1.7, and again 2.3.1–3.2.1;</li>
 *   <li>{Sig, #mrheader{}} with five fields: a log btree (2.0–2.3.0) or a view_info map (3.2.1+).</li>
 * </ul>
 *
 * @param signature hex of the index signature; the file is named after it
 * @param idBtree   null when the index holds nothing yet
 * @param views     one btree state per view, null for a view with nothing in it
 * @param layout    which form was found, one of the constants below
 */
public record ViewHeader(
        String signature, long updateSeq, long purgeSeq, BtreeState idBtree, List<BtreeState> views, String layout) {

    public static final String NOT_BUILT = "none: no view built yet";
    public static final String INDEX_HEADER_1X = "1.x index_header";
    public static final String MRHEADER_4 = "1.3-1.7 or 2.3.1-3.2.1";
    public static final String MRHEADER_LOG = "pre-2.3.1";
    public static final String MRHEADER_MAP = "3.2.1+";

    public static ViewHeader parse(OtpErlangObject term) {
        OtpErlangTuple outer = Terms.tuple(term, 2, "view header");
        String sig = HexFormat.of().formatHex(Terms.binary(outer.elementAt(0), "view signature"));
        if (Terms.isAtom(outer.elementAt(1), "nil")) {
            return new ViewHeader(sig, 0, 0, null, List.of(), NOT_BUILT);
        }
        OtpErlangTuple h = Terms.tuple(outer.elementAt(1), "view header record");
        String layout;
        if (Terms.isAtom(h.elementAt(0), "index_header") && h.arity() == 5) {
            layout = INDEX_HEADER_1X;
        } else if (!Terms.isAtom(h.elementAt(0), "mrheader") || (h.arity() != 5 && h.arity() != 6)) {
            throw new TermException("view header: neither an mrheader nor an index_header record, nor nil");
        } else if (h.arity() == 5) {
            layout = MRHEADER_4;
        } else if (h.elementAt(4) instanceof OtpErlangMap) {
            layout = MRHEADER_MAP;
        } else {
            layout = MRHEADER_LOG;
        }
        List<BtreeState> views = new ArrayList<>();
        OtpErlangObject states = h.elementAt(h.arity() - 1);
        if (!Terms.isUnset(states)) {
            for (OtpErlangObject v : Terms.list(states, "view states")) {
                views.add(viewBtree(v));
            }
        }
        return new ViewHeader(sig,
                Terms.longValue(h.elementAt(1), "view seq"),
                Terms.isLong(h.elementAt(2)) ? Terms.longValue(h.elementAt(2), "view purge seq") : 0,
                BtreeState.parse(h.elementAt(3), "view id btree"),
                Collections.unmodifiableList(views),
                layout);
    }

    /** False for {Sig, nil}: a valid index file that has not committed anything yet. */
    public boolean built() {
        return !NOT_BUILT.equals(layout);
    }

    /**
     * A view's state: {BtState, Seq, PurgeSeq[, ...]} from 1.2 on, the bare BtState (nil or
     * {Pointer, Reduction}) in 1.0/1.1. A bare state starts with its integer pointer.
     */
    private static BtreeState viewBtree(OtpErlangObject v) {
        if (Terms.isUnset(v)) {
            return null;
        }
        OtpErlangTuple state = Terms.tuple(v, "view state");
        if (Terms.isLong(state.elementAt(0))) {
            return BtreeState.parse(state, "view btree");
        }
        return BtreeState.parse(state.elementAt(0), "view btree");
    }
}
