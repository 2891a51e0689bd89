package org.chtbackup.couchdb.btree;

import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangTuple;
import org.chtbackup.couchdb.term.Terms;

/**
 * A btree root as a header (or a kp_node) stores it: root node offset, the tree's full reduction,
 * and the bytes the tree occupies (-1 for the pre-1.2 form without a size).
 */
public record BtreeState(long pointer, OtpErlangObject reduction, long size) {

    /** Parses {Pointer, Reduction[, Size]}; returns null for nil, the state of an empty tree. */
    public static BtreeState parse(OtpErlangObject term, String what) {
        if (Terms.isUnset(term)) {
            return null;
        }
        OtpErlangTuple t = Terms.tuple(term, what);
        if (t.arity() != 2 && t.arity() != 3) {
            throw new org.chtbackup.couchdb.term.TermException(what + ": expected {Pointer, Reduction[, Size]}");
        }
        long pointer = Terms.longValue(t.elementAt(0), what + " pointer");
        long size = t.arity() == 3 && Terms.isLong(t.elementAt(2)) ? Terms.longValue(t.elementAt(2), what) : -1;
        return new BtreeState(pointer, t.elementAt(1), size);
    }
}
