package org.chtbackup.couchdb.btree;

import com.ericsson.otp.erlang.OtpErlangAtom;
import com.ericsson.otp.erlang.OtpErlangBinary;
import com.ericsson.otp.erlang.OtpErlangList;
import com.ericsson.otp.erlang.OtpErlangLong;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangString;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Erlang's term order for the key types CouchDB's database btrees use (integers for sequences,
 * binaries for ids and uuids); other types are ranked by Erlang's type order only.
 */
public final class TermOrder implements Comparator<OtpErlangObject> {

    public static final TermOrder INSTANCE = new TermOrder();

    private TermOrder() {}

    @Override
    public int compare(OtpErlangObject a, OtpErlangObject b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a instanceof OtpErlangLong la && b instanceof OtpErlangLong lb) {
            return la.bigIntegerValue().compareTo(lb.bigIntegerValue());
        }
        if (a instanceof OtpErlangBinary ba && b instanceof OtpErlangBinary bb) {
            // Erlang compares binaries byte by byte, unsigned, shorter prefix first.
            return Arrays.compareUnsigned(ba.binaryValue(), bb.binaryValue());
        }
        if (a instanceof OtpErlangAtom aa && b instanceof OtpErlangAtom ab) {
            return aa.atomValue().compareTo(ab.atomValue());
        }
        return 0;
    }

    private static int rank(OtpErlangObject o) {
        if (o instanceof OtpErlangLong) {
            return 0;
        }
        if (o instanceof OtpErlangAtom) {
            return 1;
        }
        if (o instanceof OtpErlangTuple) {
            return 6;
        }
        if (o instanceof OtpErlangList l && l.arity() == 0) {
            return 8;
        }
        if (o instanceof OtpErlangList || o instanceof OtpErlangString) {
            return 9;
        }
        if (o instanceof OtpErlangBinary) {
            return 10;
        }
        return 5;
    }
}
