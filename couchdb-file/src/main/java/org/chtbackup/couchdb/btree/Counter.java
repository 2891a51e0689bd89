package org.chtbackup.couchdb.btree;

import com.ericsson.otp.erlang.OtpErlangObject;

/**
 * What a tree's reduce function counts, so a walk can recount it: the counts a leaf entry adds,
 * and the counts a stored reduction claims. A tree without a reduction (the local tree) counts nothing.
 */
public interface Counter {

    /** Number of counts this tree keeps, e.g. 2 for the id tree's {NotDeleted, Deleted}. */
    int width();

    long[] ofEntry(OtpErlangObject key, OtpErlangObject value);

    long[] ofReduction(OtpErlangObject reduction);

    Counter NONE = new Counter() {
        @Override
        public int width() {
            return 0;
        }

        @Override
        public long[] ofEntry(OtpErlangObject key, OtpErlangObject value) {
            return new long[0];
        }

        @Override
        public long[] ofReduction(OtpErlangObject reduction) {
            return new long[0];
        }
    };
}
