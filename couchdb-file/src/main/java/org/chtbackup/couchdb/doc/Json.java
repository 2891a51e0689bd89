package org.chtbackup.couchdb.doc;

import com.ericsson.otp.erlang.OtpErlangAtom;
import com.ericsson.otp.erlang.OtpErlangBinary;
import com.ericsson.otp.erlang.OtpErlangDouble;
import com.ericsson.otp.erlang.OtpErlangLong;
import com.ericsson.otp.erlang.OtpErlangMap;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.nio.charset.StandardCharsets;
import org.chtbackup.couchdb.term.TermException;
import org.chtbackup.couchdb.term.Terms;

/**
 * Writes EJSON (CouchDB's in-memory JSON: {[{K, V}]} objects, lists, binaries, numbers and the
 * atoms true/false/null) as JSON text. Also a JSON string quoter for the CLI.
 */
public final class Json {

    private Json() {}

    public static String write(OtpErlangObject ejson) {
        StringBuilder out = new StringBuilder(256);
        write(ejson, out, 0);
        return out.toString();
    }

    static void write(OtpErlangObject t, StringBuilder out, int depth) {
        if (depth > 1000) {
            throw new TermException("body nested deeper than 1000 levels");
        }
        if (t instanceof OtpErlangTuple tuple) {
            if (tuple.arity() != 1) {
                throw new TermException("body: a tuple of " + tuple.arity() + " is not EJSON");
            }
            out.append('{');
            boolean first = true;
            for (OtpErlangObject member : Terms.list(tuple.elementAt(0), "EJSON object")) {
                OtpErlangTuple kv = Terms.tuple(member, 2, "EJSON object member");
                first = comma(out, first);
                quote(Terms.text(kv.elementAt(0), "EJSON key"), out);
                out.append(':');
                write(kv.elementAt(1), out, depth + 1);
            }
            out.append('}');
        } else if (t instanceof OtpErlangMap map) {
            out.append('{');
            boolean first = true;
            for (OtpErlangObject k : map.keys()) {
                first = comma(out, first);
                quote(Terms.text(k, "map key"), out);
                out.append(':');
                write(map.get(k), out, depth + 1);
            }
            out.append('}');
        } else if (Terms.isList(t)) {
            out.append('[');
            boolean first = true;
            for (OtpErlangObject e : Terms.list(t, "EJSON array")) {
                first = comma(out, first);
                write(e, out, depth + 1);
            }
            out.append(']');
        } else if (t instanceof OtpErlangBinary b) {
            quote(new String(b.binaryValue(), StandardCharsets.UTF_8), out);
        } else if (t instanceof OtpErlangLong l) {
            out.append(l.bigIntegerValue());
        } else if (t instanceof OtpErlangDouble d) {
            out.append(number(d.doubleValue()));
        } else if (t instanceof OtpErlangAtom a) {
            String name = a.atomValue();
            if (name.equals("true") || name.equals("false") || name.equals("null")) {
                out.append(name);
            } else {
                quote(name, out);
            }
        } else {
            throw new TermException("body: " + t.getClass().getSimpleName() + " is not EJSON");
        }
    }

    private static boolean comma(StringBuilder out, boolean first) {
        if (!first) {
            out.append(',');
        }
        return false;
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (long) d + ".0";
        }
        return Double.toString(d).replace('E', 'e');
    }

    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        quote(s, out);
        return out.toString();
    }

    public static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
