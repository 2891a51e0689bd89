package org.chtbackup.couchdb;

import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangTuple;
import org.chtbackup.couchdb.btree.Counter;
import org.chtbackup.couchdb.term.TermException;
import org.chtbackup.couchdb.term.Terms;

/** The reduce functions of couch_bt_engine's trees, as counts a walk can redo. */
final class TreeCounters {

    private TreeCounters() {}

    /** id tree: {NotDeleted, Deleted, Sizes} (pre-1.2: {NotDeleted, Deleted}). */
    static final Counter ID = new Counter() {
        @Override
        public int width() {
            return 2;
        }

        @Override
        public long[] ofEntry(OtpErlangObject key, OtpErlangObject value) {
            OtpErlangTuple v = Terms.tuple(value, "id tree value");
            boolean deleted = Terms.longValue(v.elementAt(1), "deleted flag") != 0;
            return deleted ? new long[] {0, 1} : new long[] {1, 0};
        }

        @Override
        public long[] ofReduction(OtpErlangObject reduction) {
            OtpErlangTuple r = Terms.tuple(reduction, "id tree reduction");
            if (r.arity() != 2 && r.arity() != 3) {
                throw new TermException("id tree reduction: expected {NotDeleted, Deleted[, Sizes]}");
            }
            return new long[] {Terms.longValue(r.elementAt(0), "doc count"), Terms.longValue(r.elementAt(1), "deleted count")};
        }
    };

    /** seq tree and both purge trees: the reduction is the entry count. */
    static final Counter COUNT = new Counter() {
        @Override
        public int width() {
            return 1;
        }

        @Override
        public long[] ofEntry(OtpErlangObject key, OtpErlangObject value) {
            return new long[] {1};
        }

        @Override
        public long[] ofReduction(OtpErlangObject reduction) {
            return new long[] {Terms.longValue(reduction, "count reduction")};
        }
    };
}
