package org.chtbackup.couchdb.term;

import com.ericsson.otp.erlang.OtpErlangAtom;
import com.ericsson.otp.erlang.OtpErlangBinary;
import com.ericsson.otp.erlang.OtpErlangList;
import com.ericsson.otp.erlang.OtpErlangLong;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangString;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Typed views of terms; each failure says what was expected and what was found. */
public final class Terms {

    private Terms() {}

    public static OtpErlangTuple tuple(OtpErlangObject o, String what) {
        if (o instanceof OtpErlangTuple t) {
            return t;
        }
        throw shape(what, "a tuple", o);
    }

    public static OtpErlangTuple tuple(OtpErlangObject o, int arity, String what) {
        OtpErlangTuple t = tuple(o, what);
        if (t.arity() != arity) {
            throw shape(what, "a tuple of " + arity, o);
        }
        return t;
    }

    public static long longValue(OtpErlangObject o, String what) {
        if (o instanceof OtpErlangLong l && l.isLong()) {
            return l.longValue();
        }
        throw shape(what, "an integer", o);
    }

    public static boolean isLong(OtpErlangObject o) {
        return o instanceof OtpErlangLong l && l.isLong();
    }

    public static boolean isAtom(OtpErlangObject o, String name) {
        return o instanceof OtpErlangAtom a && a.atomValue().equals(name);
    }

    /** {@code nil} and {@code undefined} both mean "not set" in CouchDB records. */
    public static boolean isUnset(OtpErlangObject o) {
        return o == null || isAtom(o, "nil") || isAtom(o, "undefined");
    }

    public static byte[] binary(OtpErlangObject o, String what) {
        if (o instanceof OtpErlangBinary b) {
            return b.binaryValue();
        }
        throw shape(what, "a binary", o);
    }

    public static String utf8(OtpErlangObject o, String what) {
        return new String(binary(o, what), StandardCharsets.UTF_8);
    }

    /** Text from a binary, a charlist (STRING_EXT) or an atom. */
    public static String text(OtpErlangObject o, String what) {
        if (o instanceof OtpErlangBinary b) {
            return new String(b.binaryValue(), StandardCharsets.UTF_8);
        }
        if (o instanceof OtpErlangString s) {
            return s.stringValue();
        }
        if (o instanceof OtpErlangAtom a) {
            return a.atomValue();
        }
        if (o instanceof OtpErlangList l && l.arity() == 0) {
            return "";
        }
        throw shape(what, "text", o);
    }

    /**
     * Elements of a proper list. term_to_binary writes lists of bytes as STRING_EXT, which jinterface
     * returns as a string; those come back as integers.
     */
    public static List<OtpErlangObject> list(OtpErlangObject o, String what) {
        if (o instanceof OtpErlangList l) {
            if (l.getLastTail() != null) {
                throw shape(what, "a proper list", o);
            }
            return Arrays.asList(l.elements());
        }
        if (o instanceof OtpErlangString s) {
            List<OtpErlangObject> out = new ArrayList<>();
            s.stringValue().codePoints().forEach(c -> out.add(new OtpErlangLong(c)));
            return out;
        }
        throw shape(what, "a list", o);
    }

    public static boolean isList(OtpErlangObject o) {
        return o instanceof OtpErlangList || o instanceof OtpErlangString;
    }

    private static TermException shape(String what, String expected, OtpErlangObject found) {
        return new TermException(what + ": expected " + expected + ", found " + kind(found));
    }

    /** The kind of a term, never its content: content may be a document body. */
    static String kind(OtpErlangObject o) {
        if (o == null) {
            return "nothing";
        }
        if (o instanceof OtpErlangTuple t) {
            return "a tuple of " + t.arity();
        }
        if (o instanceof OtpErlangAtom a) {
            return "atom " + a.atomValue();
        }
        return o.getClass().getSimpleName().replace("OtpErlang", "").toLowerCase();
    }
}
